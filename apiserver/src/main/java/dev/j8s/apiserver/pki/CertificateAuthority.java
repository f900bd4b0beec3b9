package dev.j8s.apiserver.pki;

import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A CA certificate with its key, issuing serving and client certificates. Keys are ECDSA P-256: supported by Go's
 * crypto/tls (kubectl, helm), the JDK's TLS 1.2/1.3 and OpenSSL, and far cheaper to generate than RSA.
 */
final class CertificateAuthority {

    /**
     * Certificates start this far in the past so a peer whose clock runs behind still accepts them (client-go's own
     * self-signed certificates do the same).
     */
    static final Duration BACKDATE = Duration.ofHours(1);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final IssuedCert ca;
    private final Clock clock;

    CertificateAuthority(IssuedCert ca, Clock clock) {
        this.ca = ca;
        this.clock = clock;
    }

    /** A new self-signed CA. The timestamp in the name tells regenerated CAs apart, as k3s does. */
    static CertificateAuthority create(String namePrefix, Duration validity, Clock clock) {
        KeyPair keys = newKeyPair();
        X500Name name = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.CN, namePrefix + "@" + clock.instant().getEpochSecond())
                .build();
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = builder(name, name, keys.getPublic(), validity, clock)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(keys.getPublic()));
            return new CertificateAuthority(IssuedCert.of(sign(builder, keys.getPrivate()), keys.getPrivate()), clock);
        } catch (GeneralSecurityException | CertIOException e) {
            throw new PkiException("cannot create CA certificate", e);
        }
    }

    IssuedCert certificate() {
        return ca;
    }

    /** A TLS server certificate for the given names (extendedKeyUsage serverAuth). */
    IssuedCert issueServing(String commonName, SubjectAltNames names, Duration validity) {
        List<GeneralName> altNames = new ArrayList<>();
        names.dnsNames().stream().sorted()
                .forEach(dns -> altNames.add(new GeneralName(GeneralName.dNSName, dns)));
        for (InetAddress ip : names.ipAddresses()) {
            altNames.add(new GeneralName(GeneralName.iPAddress, ip.getHostAddress()));
        }
        return issue(subject(commonName, List.of()), KeyPurposeId.id_kp_serverAuth, validity,
                new GeneralNames(altNames.toArray(GeneralName[]::new)));
    }

    /**
     * A TLS client certificate (extendedKeyUsage clientAuth). Kubernetes' x509 authenticator reads the user from CN
     * and the groups from the O attributes.
     */
    IssuedCert issueClient(String commonName, List<String> organizations, Duration validity) {
        return issue(subject(commonName, organizations), KeyPurposeId.id_kp_clientAuth, validity, null);
    }

    /** Whether this CA signed the certificate. */
    boolean issued(X509Certificate certificate) {
        if (!certificate.getIssuerX500Principal().equals(ca.certificate().getSubjectX500Principal())) {
            return false;
        }
        try {
            certificate.verify(ca.certificate().getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private IssuedCert issue(X500Name subject, KeyPurposeId purpose, Duration validity, GeneralNames altNames) {
        KeyPair keys = newKeyPair();
        X500Name issuer = X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded());
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = builder(issuer, subject, keys.getPublic(), validity, clock)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    // ECDSA keys only sign; keyEncipherment applies to RSA key transport, which TLS 1.3 dropped.
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            // Key identifier only: it stays valid if the CA certificate is ever re-signed with the same key.
                            extensions.createAuthorityKeyIdentifier(ca.certificate().getPublicKey()));
            if (altNames != null) {
                // Critical only when the subject is empty (RFC 5280 4.2.1.6); ours always has a CN.
                builder.addExtension(Extension.subjectAlternativeName, false, altNames);
            }
            return IssuedCert.of(sign(builder, ca.key()), keys.getPrivate());
        } catch (GeneralSecurityException | CertIOException e) {
            throw new PkiException("cannot issue certificate for " + subject, e);
        }
    }

    private static X500Name subject(String commonName, List<String> organizations) {
        if (commonName == null || commonName.isBlank()) {
            throw new IllegalArgumentException("certificate needs a common name");
        }
        X500NameBuilder name = new X500NameBuilder(BCStyle.INSTANCE);
        for (String organization : organizations) {
            name.addRDN(BCStyle.O, organization);
        }
        return name.addRDN(BCStyle.CN, commonName).build();
    }

    private static X509v3CertificateBuilder builder(
            X500Name issuer, X500Name subject, PublicKey key, Duration validity, Clock clock) {
        Instant now = clock.instant();
        return new JcaX509v3CertificateBuilder(issuer, serialNumber(),
                Date.from(now.minus(BACKDATE)), Date.from(now.plus(validity)), subject, key);
    }

    /** Random, positive and at most 16 bytes (RFC 5280 allows 20). */
    private static BigInteger serialNumber() {
        return new BigInteger(127, RANDOM).add(BigInteger.ONE);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signer)
            throws GeneralSecurityException {
        try {
            String algorithm = switch (signer.getAlgorithm()) {
                case "EC" -> "SHA256withECDSA";
                case "RSA" -> "SHA256withRSA";
                default -> throw new PkiException("unsupported CA key algorithm " + signer.getAlgorithm());
            };
            return new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder(algorithm).build(signer)));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new PkiException("no EC P-256 key generator in this JDK", e);
        }
    }
}
