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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLException;

/**
 * The cluster's certificates: a CA created on first start, the API server's serving certificate
 * and the admin client certificate, all kept as PEM files in one directory and reused after.
 */
public final class ClusterPki {

    public static final String ADMIN_USER = "j8s-admin";
    public static final String ADMIN_GROUP = "system:masters";

    /** Names every API server certificate carries, as kube-apiserver's do. */
    static final List<String> DEFAULT_SANS = List.of("localhost", "127.0.0.1", "::1", "kubernetes",
            "kubernetes.default", "kubernetes.default.svc", "kubernetes.default.svc.cluster.local");

    private static final Duration CA_VALIDITY = Duration.ofDays(3650);
    private static final Duration LEAF_VALIDITY = Duration.ofDays(365);

    private final X509Certificate ca;
    private final PrivateKey caKey;
    private final IssuedCert serving;
    private final IssuedCert admin;

    private ClusterPki(X509Certificate ca, PrivateKey caKey, IssuedCert serving, IssuedCert admin) {
        this.ca = ca;
        this.caKey = caKey;
        this.serving = serving;
        this.admin = admin;
    }

    public static ClusterPki loadOrCreate(Path dir, List<String> extraSans) throws IOException {
        Files.createDirectories(dir);
        try {
            Path caCrt = dir.resolve("ca.crt");
            Path caKeyFile = dir.resolve("ca.key");
            X509Certificate ca;
            PrivateKey caKey;
            if (Files.exists(caCrt) && Files.exists(caKeyFile)) {
                ca = Pem.certificate(Files.readString(caCrt));
                caKey = Pem.privateKey(Files.readString(caKeyFile));
            } else {
                KeyPair keys = CertificateIssuer.newKeyPair();
                ca = CertificateIssuer.selfSignedCa(keys, "j8s-ca", CA_VALIDITY);
                caKey = keys.getPrivate();
                writeSecret(caKeyFile, Pem.encode(caKey));
                writePublic(caCrt, Pem.encode(ca));
            }
            Set<String> sans = new LinkedHashSet<>(DEFAULT_SANS);
            sans.addAll(extraSans);
            IssuedCert serving = loadLeaf(dir, "server", ca);
            if (serving == null || !covers(serving.certificate(), sans)) {
                serving = issueAndStore(dir, "server", ca, caKey, "kube-apiserver", List.of(), List.copyOf(sans), true);
            }
            IssuedCert admin = loadLeaf(dir, "admin", ca);
            if (admin == null) {
                admin = issueAndStore(dir, "admin", ca, caKey, ADMIN_USER, List.of(ADMIN_GROUP), List.of(), false);
            }
            return new ClusterPki(ca, caKey, serving, admin);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot create the cluster PKI in " + dir + ": " + e.getMessage(), e);
        }
    }

    public X509Certificate caCertificate() {
        return ca;
    }

    public String caPem() {
        return Pem.encode(ca);
    }

    public IssuedCert adminCert() {
        return admin;
    }

    public IssuedCert servingCert() {
        return serving;
    }

    /** Issues a client certificate: CN is the user, each O a group. */
    public IssuedCert issueClientCert(String commonName, List<String> organizations, Duration validity) {
        try {
            KeyPair keys = CertificateIssuer.newKeyPair();
            X509Certificate cert = CertificateIssuer.issue(ca, caKey, keys.getPublic(), commonName, organizations,
                    List.of(), false, validity);
            return new IssuedCert(cert, keys.getPrivate(), Pem.encode(cert), Pem.encode(keys.getPrivate()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot issue a client certificate: " + e.getMessage(), e);
        }
    }

    /**
     * The API server's TLS: TLS 1.3 and 1.2, HTTP/2 or HTTP/1.1 by ALPN, and client certificates
     * requested (not required) and verified against the cluster CA.
     */
    public SslContext serverSslContext() throws SSLException {
        return SslContextBuilder.forServer(serving.key(), serving.certificate())
                .sslProvider(SslProvider.JDK)
                .trustManager(ca)
                .clientAuth(ClientAuth.OPTIONAL)
                .protocols("TLSv1.3", "TLSv1.2")
                .ciphers(Http2SecurityUtil.CIPHERS, SupportedCipherSuiteFilter.INSTANCE)
                .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                        ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1))
                .build();
    }

    private static IssuedCert loadLeaf(Path dir, String name, X509Certificate ca) throws IOException {
        Path crt = dir.resolve(name + ".crt");
        Path key = dir.resolve(name + ".key");
        if (!Files.exists(crt) || !Files.exists(key)) {
            return null;
        }
        String certPem = Files.readString(crt);
        String keyPem = Files.readString(key);
        X509Certificate cert = Pem.certificate(certPem);
        try {
            cert.verify(ca.getPublicKey());
            cert.checkValidity();
        } catch (GeneralSecurityException e) {
            return null;
        }
        return new IssuedCert(cert, Pem.privateKey(keyPem), certPem, keyPem);
    }

    private static IssuedCert issueAndStore(Path dir, String name, X509Certificate ca, PrivateKey caKey, String cn,
                                            List<String> orgs, List<String> sans, boolean server)
            throws GeneralSecurityException, IOException {
        KeyPair keys = CertificateIssuer.newKeyPair();
        X509Certificate cert = CertificateIssuer.issue(ca, caKey, keys.getPublic(), cn, orgs, sans, server,
                LEAF_VALIDITY);
        IssuedCert issued = new IssuedCert(cert, keys.getPrivate(), Pem.encode(cert), Pem.encode(keys.getPrivate()));
        writeSecret(dir.resolve(name + ".key"), issued.keyPem());
        writePublic(dir.resolve(name + ".crt"), issued.certPem());
        return issued;
    }

    private static boolean covers(X509Certificate cert, Set<String> sans) {
        try {
            Collection<List<?>> names = cert.getSubjectAlternativeNames();
            List<String> present = new ArrayList<>();
            if (names != null) {
                for (List<?> n : names) {
                    present.add(normalize(String.valueOf(n.get(1))));
                }
            }
            return sans.stream().map(ClusterPki::normalize).allMatch(present::contains);
        } catch (CertificateParsingException e) {
            return false;
        }
    }

    private static String normalize(String name) {
        if (CertificateIssuer.isIpLiteral(name)) {
            try {
                return java.net.InetAddress.getByName(name).getHostAddress();
            } catch (java.net.UnknownHostException e) {
                return name;
            }
        }
        return name.toLowerCase(java.util.Locale.ROOT);
    }

    static void writeSecret(Path file, String content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void writePublic(Path file, String content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
