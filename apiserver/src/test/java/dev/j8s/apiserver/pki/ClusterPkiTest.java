package dev.j8s.apiserver.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x9.X962Parameters;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.util.io.pem.PemObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClusterPkiTest {

    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final int KEY_CERT_SIGN = 5;
    private static final List<String> FILES =
            List.of("ca.crt", "ca.key", "apiserver.crt", "apiserver.key", "admin.crt", "admin.key");

    @TempDir
    Path temp;

    private Path dir() {
        return temp.resolve("pki");
    }

    @Test
    void firstStartWritesPemFilesOnlyTheOwnerCanRead() throws Exception {
        ClusterPki.loadOrCreate(dir(), List.of());

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir()))).isEqualTo("rwx------");
        for (String name : FILES) {
            Path file = dir().resolve(name);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as(name).isEqualTo("rw-------");
            String firstLine = Files.readAllLines(file).getFirst();
            assertThat(firstLine).as(name)
                    .isEqualTo(name.endsWith(".key") ? "-----BEGIN PRIVATE KEY-----" : "-----BEGIN CERTIFICATE-----");
        }
        try (Stream<Path> listing = Files.list(dir())) {
            assertThat(listing.map(path -> path.getFileName().toString())).containsExactlyInAnyOrderElementsOf(FILES);
        }
    }

    @Test
    void caIsSelfSignedAndMayOnlySignCertificates() throws Exception {
        X509Certificate ca = ClusterPki.loadOrCreate(dir(), List.of()).caCertificate();

        ca.verify(ca.getPublicKey());
        assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(ca.getKeyUsage()[KEY_CERT_SIGN]).isTrue();
        assertThat(ca.getSubjectX500Principal().getName()).startsWith("CN=j8s-ca@");
        assertThat(Duration.between(ca.getNotBefore().toInstant(), ca.getNotAfter().toInstant()))
                .isGreaterThanOrEqualTo(Duration.ofDays(3650));
        assertThat(ca.getPublicKey().getAlgorithm()).isEqualTo("EC");
    }

    @Test
    void servingCertificateNamesEveryAddressAndIsForServersOnly() throws Exception {
        ClusterPki pki = ClusterPki.loadOrCreate(dir(), List.of("j8s.example", "192.168.1.20"));
        X509Certificate serving = pki.servingCert().certificate();

        serving.verify(pki.caCertificate().getPublicKey());
        assertThat(SubjectAltNames.of(serving))
                .isEqualTo(SubjectAltNames.withDefaults(List.of("j8s.example", "192.168.1.20")));
        assertThat(serving.getExtendedKeyUsage()).containsExactly(SERVER_AUTH);
        assertThat(serving.getBasicConstraints()).isEqualTo(-1);
        assertBackdatedWithRandomSerial(serving);
    }

    @Test
    void adminCertificateIsAClusterAdminClientCertificate() throws Exception {
        ClusterPki pki = ClusterPki.loadOrCreate(dir(), List.of());
        X509Certificate admin = pki.adminCert().certificate();

        admin.verify(pki.caCertificate().getPublicKey());
        assertThat(UserInfo.fromCertificate(admin)).contains(new UserInfo("j8s-admin", List.of("system:masters")));
        assertThat(admin.getExtendedKeyUsage()).containsExactly(CLIENT_AUTH);
        assertThat(admin.getBasicConstraints()).isEqualTo(-1);
        assertBackdatedWithRandomSerial(admin);
    }

    @Test
    void laterStartsReuseEveryFile() throws Exception {
        ClusterPki first = ClusterPki.loadOrCreate(dir(), List.of("j8s.example"));
        first.serviceAccountKey();
        Map<String, String> before = contents();

        ClusterPki second = ClusterPki.loadOrCreate(dir(), List.of("J8S.example"));

        assertThat(second.caCertificate()).isEqualTo(first.caCertificate());
        assertThat(second.caPem()).isEqualTo(first.caPem());
        assertThat(second.adminCert().certificate()).isEqualTo(first.adminCert().certificate());
        assertThat(second.adminCert().key()).isEqualTo(first.adminCert().key());
        // Service-account tokens signed before a restart stay valid after it.
        assertThat(second.serviceAccountKey()).isEqualTo(first.serviceAccountKey());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir().resolve("sa.key"))))
                .isEqualTo("rw-------");
        assertThat(contents()).isEqualTo(before);
    }

    @Test
    void newNameReissuesOnlyTheServingCertificate() throws Exception {
        ClusterPki first = ClusterPki.loadOrCreate(dir(), List.of("old.example"));

        ClusterPki second = ClusterPki.loadOrCreate(dir(), List.of("new.example", "10.1.2.3"));

        assertThat(second.caCertificate()).isEqualTo(first.caCertificate());
        assertThat(second.adminCert().certificate()).isEqualTo(first.adminCert().certificate());
        assertThat(second.servingCert().certificate()).isNotEqualTo(first.servingCert().certificate());
        assertThat(SubjectAltNames.of(second.servingCert().certificate()).covers(
                SubjectAltNames.withDefaults(List.of("new.example", "10.1.2.3")))).isTrue();
        // What is on disk is what the next start loads.
        assertThat(ClusterPki.loadOrCreate(dir(), List.of("new.example")).servingCert().certificate())
                .isEqualTo(second.servingCert().certificate());
    }

    @Test
    void leafCertificatesNearExpiryAreReissuedUnderTheSameCa() {
        ClusterPki first = ClusterPki.loadOrCreate(dir(), List.of());
        Clock in300Days = Clock.offset(Clock.systemUTC(), Duration.ofDays(300));

        ClusterPki later = ClusterPki.loadOrCreate(dir(), List.of(), in300Days);

        assertThat(later.caCertificate()).isEqualTo(first.caCertificate());
        assertThat(later.servingCert().certificate()).isNotEqualTo(first.servingCert().certificate());
        assertThat(later.adminCert().certificate()).isNotEqualTo(first.adminCert().certificate());
        assertThat(later.adminCert().certificate().getNotAfter().toInstant())
                .isAfter(in300Days.instant().plus(Duration.ofDays(300)));
    }

    @Test
    void newCaReissuesTheLeafCertificates() throws Exception {
        ClusterPki first = ClusterPki.loadOrCreate(dir(), List.of());
        Files.delete(dir().resolve("ca.crt"));
        Files.delete(dir().resolve("ca.key"));

        ClusterPki second = ClusterPki.loadOrCreate(dir(), List.of());

        assertThat(second.caCertificate()).isNotEqualTo(first.caCertificate());
        second.adminCert().certificate().verify(second.caCertificate().getPublicKey());
        second.servingCert().certificate().verify(second.caCertificate().getPublicKey());
    }

    @ParameterizedTest
    @ValueSource(strings = {"admin", "apiserver"})
    void leafWhoseKeyNoLongerMatchesIsReissued(String name) throws Exception {
        ClusterPki.loadOrCreate(dir(), List.of());
        // As after a crash between writing a renewed key and its certificate.
        Files.writeString(dir().resolve(name + ".key"),
                ClusterPki.loadOrCreate(temp.resolve("other"), List.of()).adminCert().keyPem());

        ClusterPki reloaded = ClusterPki.loadOrCreate(dir(), List.of());

        IssuedCert leaf = name.equals("admin") ? reloaded.adminCert() : reloaded.servingCert();
        assertThat(Files.readString(dir().resolve(name + ".key"))).isEqualTo(leaf.keyPem());
        assertThat(Files.readString(dir().resolve(name + ".crt"))).isEqualTo(leaf.certPem());
        assertThat(leaf.certificate().getPublicKey().getEncoded())
                .isEqualTo(Pem.parseCertificate(Files.readString(dir().resolve(name + ".crt"))).getPublicKey().getEncoded());
    }

    @Test
    void caCertificateWithoutItsKeyIsAnError() throws Exception {
        ClusterPki.loadOrCreate(dir(), List.of());
        Files.delete(dir().resolve("ca.key"));

        assertThatThrownBy(() -> ClusterPki.loadOrCreate(dir(), List.of()))
                .isInstanceOf(PkiException.class)
                .hasMessageContaining("ca.key");
    }

    @Test
    void acceptsACaKeyInTraditionalEcForm() throws Exception {
        ClusterPki first = ClusterPki.loadOrCreate(dir(), List.of());
        // As kubeadm, OpenSSL and cfssl write EC keys (SEC1 with the named curve), for an operator bringing their own CA.
        ECPrivateKey key = (ECPrivateKey) Pem.parsePrivateKey(Files.readString(dir().resolve("ca.key")));
        var sec1Key = new org.bouncycastle.asn1.sec.ECPrivateKey(
                256, key.getS(), new X962Parameters(SECObjectIdentifiers.secp256r1));
        StringWriter sec1 = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(sec1)) {
            writer.writeObject(new PemObject("EC PRIVATE KEY", sec1Key.getEncoded()));
        }
        Files.writeString(dir().resolve("ca.key"), sec1.toString());

        ClusterPki reloaded = ClusterPki.loadOrCreate(dir(), List.of());

        assertThat(reloaded.caCertificate()).isEqualTo(first.caCertificate());
        assertThat(reloaded.adminCert().certificate()).isEqualTo(first.adminCert().certificate());
    }

    @Test
    void issuedClientCertificatesAreSignedByTheCaForTheRequestedTime() throws Exception {
        ClusterPki pki = ClusterPki.loadOrCreate(dir(), List.of());
        Instant before = Instant.now();

        IssuedCert agent = pki.issueClientCert("system:node:n1", List.of("system:nodes"), Duration.ofDays(30));

        agent.certificate().verify(pki.caCertificate().getPublicKey());
        assertThat(UserInfo.fromCertificate(agent.certificate()))
                .contains(new UserInfo("system:node:n1", List.of("system:nodes")));
        assertThat(agent.certificate().getExtendedKeyUsage()).containsExactly(CLIENT_AUTH);
        assertThat(agent.certificate().getNotAfter().toInstant())
                .isBetween(before.plus(Duration.ofDays(30)).minusSeconds(1), Instant.now().plus(Duration.ofDays(30)));
        assertThat(Pem.parsePrivateKey(agent.keyPem())).isEqualTo(agent.key());
        assertThat(Pem.parseCertificate(agent.certPem())).isEqualTo(agent.certificate());
        assertThat(agent.toString()).doesNotContain("PRIVATE");
    }

    private static void assertBackdatedWithRandomSerial(X509Certificate cert) {
        assertThat(cert.getSerialNumber()).isGreaterThan(BigInteger.ONE.shiftLeft(64));
        assertThat(cert.getNotBefore().toInstant()).isBefore(Instant.now().minus(Duration.ofMinutes(30)));
    }

    private Map<String, String> contents() throws Exception {
        return FILES.stream().collect(Collectors.toMap(name -> name, name -> {
            try {
                return Files.readString(dir().resolve(name));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }));
    }
}
