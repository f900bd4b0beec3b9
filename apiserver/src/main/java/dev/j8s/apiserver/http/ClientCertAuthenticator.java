package dev.j8s.apiserver.http;

import dev.j8s.apiserver.pki.UserInfo;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * x509 client-certificate authentication as kube-apiserver does it: the certificate was already
 * verified against the cluster CA by the TLS handshake; the subject's CN is the user name and
 * each O is a group, plus {@code system:authenticated}.
 */
public final class ClientCertAuthenticator {

    public record Identity(String user, List<String> groups) {}

    /** Returns the identity, or null for an anonymous request (no certificate, or one without a CN). */
    public Identity identify(X509Certificate cert) {
        if (cert == null) {
            return null;
        }
        return UserInfo.fromCertificate(cert).map(u -> {
            List<String> groups = new ArrayList<>(u.groups());
            groups.add("system:authenticated");
            return new Identity(u.name(), List.copyOf(groups));
        }).orElse(null);
    }
}
