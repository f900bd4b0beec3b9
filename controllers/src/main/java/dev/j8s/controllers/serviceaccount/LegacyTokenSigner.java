package dev.j8s.controllers.serviceaccount;

/** Signs the JWT of a legacy service-account token Secret (the API server's signing key, wired by the launcher). */
@FunctionalInterface
public interface LegacyTokenSigner {

    String sign(String namespace, String serviceAccountName, String serviceAccountUid, String secretName);
}
