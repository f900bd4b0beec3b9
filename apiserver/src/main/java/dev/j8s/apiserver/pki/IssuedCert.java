package dev.j8s.apiserver.pki;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/** A certificate issued by the cluster CA with its key, also as PEM text. */
public record IssuedCert(X509Certificate certificate, PrivateKey key, String certPem, String keyPem) {}
