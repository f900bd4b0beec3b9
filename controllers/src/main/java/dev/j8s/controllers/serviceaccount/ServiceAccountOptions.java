package dev.j8s.controllers.serviceaccount;

/**
 * What the service-account controllers need from the control plane: the cluster CA (PEM) the root CA publisher
 * and the tokens controller hand out, and the signer of legacy tokens. Without them only the {@code default}
 * ServiceAccount controller runs.
 *
 * @param caPem the cluster CA certificate, or null
 * @param signer the legacy token signer, or null
 */
public record ServiceAccountOptions(String caPem, LegacyTokenSigner signer) {

    public static final ServiceAccountOptions NONE = new ServiceAccountOptions(null, null);

    public boolean complete() {
        return caPem != null && signer != null;
    }
}
