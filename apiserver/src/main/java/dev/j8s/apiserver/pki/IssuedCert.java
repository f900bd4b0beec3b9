package dev.j8s.apiserver.pki;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/** A certificate with its private key, in object form and PEM-encoded (as written to disk and into kubeconfigs). */
public record IssuedCert(X509Certificate certificate, PrivateKey key, String certPem, String keyPem) {

    public static IssuedCert of(X509Certificate certificate, PrivateKey key) {
        return new IssuedCert(certificate, key, Pem.certificate(certificate), Pem.privateKey(key));
    }

    @Override
    public String toString() {
        // Keeps the private key out of logs.
        return "IssuedCert[" + certificate.getSubjectX500Principal().getName() + "]";
    }
}
