package dev.j8s.apiserver.pki;

import io.netty.handler.codec.http2.Http2SecurityUtil;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster's certificates under one directory: a CA created on first start, the API server's serving certificate
 * and the admin client certificate. Later starts reuse the files; a leaf certificate is replaced only when it no
 * longer fits (names missing, near expiry, not signed by the CA, key mismatch).
 */
public final class ClusterPki {

    static final Duration CA_VALIDITY = Duration.ofDays(3650);
    static final Duration LEAF_VALIDITY = Duration.ofDays(365);
    /** Leaf certificates closer than this to expiry are reissued on start (k3s renews within 90 days too). */
    static final Duration RENEW_BEFORE = Duration.ofDays(90);
    static final String CA_NAME_PREFIX = "j8s-ca";
    static final String SERVING_NAME = "j8s-apiserver";
    public static final String ADMIN_USER = "j8s-admin";
    /** The user the API server presents to node agents. */
    public static final String NODE_CLIENT_USER = "system:kube-apiserver";
    /** The group Kubernetes' default RBAC binds to cluster-admin. */
    public static final String ADMIN_GROUP = "system:masters";

    private static final Logger LOG = LoggerFactory.getLogger(ClusterPki.class);

    private final CertificateAuthority ca;
    private final IssuedCert serving;
    private final IssuedCert admin;
    private final SslContext serverSslContext;
    private final Path dir;
    private ServiceAccountKey serviceAccountKey;

    private ClusterPki(Path dir, CertificateAuthority ca, IssuedCert serving, IssuedCert admin) {
        this.dir = dir;
        this.ca = ca;
        this.serving = serving;
        this.admin = admin;
        this.serverSslContext = buildServerSslContext(serving, ca.certificate().certificate());
    }

    /**
     * Loads the PKI from dir (e.g. DATA/pki) or creates it on first start. The serving certificate covers loopback,
     * the kubernetes Service names and extraSans (DNS names or IP literals).
     */
    public static ClusterPki loadOrCreate(Path dir, List<String> extraSans) {
        return loadOrCreate(dir, extraSans, Clock.systemUTC());
    }

    static ClusterPki loadOrCreate(Path dir, List<String> extraSans, Clock clock) {
        try {
            PrivateFiles.createDirectory(dir.toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
        CertificateAuthority ca = loadOrCreateCa(CertificateFiles.in(dir, "ca"), clock);
        SubjectAltNames wanted = SubjectAltNames.withDefaults(extraSans);

        CertificateFiles servingFiles = CertificateFiles.in(dir, "apiserver");
        IssuedCert serving = servingFiles.read()
                .filter(cert -> stillValid(cert, ca, clock))
                .filter(cert -> SubjectAltNames.of(cert.certificate()).covers(wanted))
                .orElseGet(() -> {
                    LOG.info("Issuing API server certificate for {} {}", wanted.dnsNames(), wanted.ipAddresses());
                    return servingFiles.write(ca.issueServing(SERVING_NAME, wanted, LEAF_VALIDITY));
                });

        CertificateFiles adminFiles = CertificateFiles.in(dir, "admin");
        IssuedCert admin = adminFiles.read()
                .filter(cert -> stillValid(cert, ca, clock))
                .orElseGet(() -> {
                    LOG.info("Issuing admin client certificate {}", ADMIN_USER);
                    return adminFiles.write(ca.issueClient(ADMIN_USER, List.of(ADMIN_GROUP), LEAF_VALIDITY));
                });
        return new ClusterPki(dir, ca, serving, admin);
    }

    /**
     * The key pair that signs and verifies service-account tokens ({@code sa.key}), read or created on first use
     * (an RSA key takes a while to make; PKI users that issue no tokens do not pay for it).
     */
    public synchronized ServiceAccountKey serviceAccountKey() {
        if (serviceAccountKey == null) {
            serviceAccountKey = ServiceAccountKey.loadOrCreate(dir);
        }
        return serviceAccountKey;
    }

    public X509Certificate caCertificate() {
        return ca.certificate().certificate();
    }

    public String caPem() {
        return ca.certificate().certPem();
    }

    /** Issues a client certificate signed by the CA (for agents and extra users); nothing is written to disk. */
    public IssuedCert issueClientCert(String commonName, List<String> organizations, Duration validity) {
        return ca.issueClient(commonName, organizations, validity);
    }

    /** Issues a serving certificate for the given DNS names and IP addresses (a node agent's HTTPS API). */
    public IssuedCert issueServingCert(String commonName, List<String> names, Duration validity) {
        return ca.issueServing(commonName, SubjectAltNames.parse(names), validity);
    }

    /**
     * The API server's identity towards node agents (kube-apiserver's --kubelet-client-certificate):
     * {@code system:kube-apiserver} in {@code system:masters}, and agents' serving certificates verified
     * against the cluster CA. Issued afresh at each start; it is never written to disk.
     */
    public SslContext nodeClientSslContext() {
        IssuedCert client = ca.issueClient(NODE_CLIENT_USER, List.of(ADMIN_GROUP), LEAF_VALIDITY);
        try {
            return SslContextBuilder.forClient()
                    .sslProvider(SslProvider.JDK)
                    .protocols("TLSv1.3", "TLSv1.2")
                    .keyManager(client.key(), client.certificate())
                    .trustManager(caCertificate())
                    .build();
        } catch (SSLException e) {
            throw new PkiException("cannot build the API server's client TLS context", e);
        }
    }

    public IssuedCert adminCert() {
        return admin;
    }

    IssuedCert servingCert() {
        return serving;
    }

    /**
     * Netty server context: serving certificate, TLS 1.2 and 1.3, client certificates requested and verified against
     * the CA when sent (OPTIONAL: requests without one go on to token authentication or stay anonymous, like
     * kube-apiserver's VerifyClientCertIfGiven), ALPN h2 and http/1.1.
     */
    public SslContext serverSslContext() {
        return serverSslContext;
    }

    private static CertificateAuthority loadOrCreateCa(CertificateFiles files, Clock clock) {
        if (!files.certificateExists()) {
            LOG.info("Creating cluster CA in {}", files.certFile().getParent());
            CertificateAuthority created = CertificateAuthority.create(CA_NAME_PREFIX, CA_VALIDITY, clock);
            files.write(created.certificate());
            return created;
        }
        IssuedCert ca = files.read().orElseThrow(() -> new PkiException(
                files.certFile() + " exists without its key " + files.keyFile()
                        + "; restore the key or remove both to create a new CA (every issued certificate then changes)"));
        if (!keyMatches(ca)) {
            throw new PkiException(files.keyFile() + " is not the key of " + files.certFile());
        }
        Instant notAfter = ca.certificate().getNotAfter().toInstant();
        if (clock.instant().plus(RENEW_BEFORE).isAfter(notAfter)) {
            // Not replaced automatically: a new CA invalidates every agent's and user's credentials.
            LOG.warn("Cluster CA {} expires at {}", files.certFile(), notAfter);
        }
        return new CertificateAuthority(ca, clock);
    }

    private static boolean stillValid(IssuedCert cert, CertificateAuthority ca, Clock clock) {
        Instant now = clock.instant();
        return ca.issued(cert.certificate())
                && keyMatches(cert)
                && !cert.certificate().getNotBefore().toInstant().isAfter(now)
                && now.plus(RENEW_BEFORE).isBefore(cert.certificate().getNotAfter().toInstant());
    }

    /** Signs a random challenge with the key and checks it against the certificate's public key. */
    private static boolean keyMatches(IssuedCert cert) {
        String algorithm = cert.key().getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
        try {
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(cert.key());
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(cert.certificate().getPublicKey());
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static SslContext buildServerSslContext(IssuedCert serving, X509Certificate caCertificate) {
        try {
            return SslContextBuilder.forServer(serving.key(), serving.certificate())
                    .sslProvider(SslProvider.JDK)
                    .protocols("TLSv1.3", "TLSv1.2")
                    // HTTP/2 (RFC 7540 9.2.2) forbids the older TLS 1.2 suites; this list holds only allowed ones.
                    .ciphers(Http2SecurityUtil.CIPHERS, SupportedCipherSuiteFilter.INSTANCE)
                    .trustManager(caCertificate)
                    .clientAuth(ClientAuth.OPTIONAL)
                    .applicationProtocolConfig(new ApplicationProtocolConfig(
                            ApplicationProtocolConfig.Protocol.ALPN,
                            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                            ApplicationProtocolNames.HTTP_2,
                            ApplicationProtocolNames.HTTP_1_1))
                    .build();
        } catch (SSLException e) {
            throw new PkiException("cannot build the API server's TLS context", e);
        }
    }
}
