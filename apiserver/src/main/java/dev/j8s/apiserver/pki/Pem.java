package dev.j8s.apiserver.pki;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/** PEM encoding of certificates and private keys. */
final class Pem {

    private static final Base64.Encoder BASE64_LINES =
            Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));

    private Pem() {}

    static String certificate(X509Certificate certificate) {
        try {
            return block("CERTIFICATE", certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new PkiException("cannot encode certificate", e);
        }
    }

    /**
     * Writes PKCS#8 ("PRIVATE KEY"): Go's crypto/tls (kubectl), OpenSSL (curl) and Netty all read it, for EC and RSA.
     */
    static String privateKey(PrivateKey key) {
        if (!"PKCS#8".equals(key.getFormat())) {
            throw new PkiException("private key has no PKCS#8 encoding: " + key.getFormat());
        }
        return block("PRIVATE KEY", key.getEncoded());
    }

    /**
     * The key as a kubeconfig carries it: an EC key in SEC1 form ("EC PRIVATE KEY", with its public key),
     * as k3s writes it, because Java clients (fabric8) tell an EC key from an RSA one only by that PEM
     * type; any other key as PKCS#8.
     */
    static String kubeconfigKey(PrivateKey key, PublicKey publicKey) {
        if (!(key instanceof ECPrivateKey ec)) {
            return privateKey(key);
        }
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
        SubjectPublicKeyInfo pub = SubjectPublicKeyInfo.getInstance(publicKey.getEncoded());
        org.bouncycastle.asn1.sec.ECPrivateKey sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(
                ec.getParams().getOrder().bitLength(), ec.getS(), pub.getPublicKeyData(),
                info.getPrivateKeyAlgorithm().getParameters());
        try {
            return block("EC PRIVATE KEY", sec1.getEncoded());
        } catch (IOException e) {
            throw new PkiException("cannot encode EC private key", e);
        }
    }

    static X509Certificate parseCertificate(String pem) {
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            return (X509Certificate) factory.generateCertificate(
                    new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        } catch (CertificateException e) {
            throw new PkiException("not a PEM certificate", e);
        }
    }

    /** Reads "PRIVATE KEY" (PKCS#8) and also the traditional "EC PRIVATE KEY" / "RSA PRIVATE KEY" forms. */
    static PrivateKey parsePrivateKey(String pem) {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object parsed = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (parsed instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            if (parsed instanceof PEMKeyPair pair) {
                // Only the private part: SEC1 keys may omit the optional public key.
                return converter.getPrivateKey(pair.getPrivateKeyInfo());
            }
            throw new PkiException("no unencrypted private key in PEM text");
        } catch (IOException e) {
            throw new PkiException("not a PEM private key", e);
        }
    }

    private static String block(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + BASE64_LINES.encodeToString(der) + "\n"
                + "-----END " + type + "-----\n";
    }
}
