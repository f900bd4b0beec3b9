package dev.j8s.apiserver.pki;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeconfigTest {

    private static final CertificateAuthority CA =
            CertificateAuthority.create("test-ca", Duration.ofDays(1), Clock.systemUTC());
    private static final IssuedCert ADMIN = CA.issueClient("j8s-admin", List.of("system:masters"), Duration.ofDays(1));

    @TempDir
    Path dir;

    @Test
    void namesOneClusterUserAndContextAndSelectsIt() throws Exception {
        Path file = dir.resolve("kubeconfig");

        Kubeconfig.write(file, "https://127.0.0.1:6443", CA.certificate().certPem(), ADMIN);

        JsonNode config = KubeconfigFile.read(file).document();
        assertThat(config.path("apiVersion").asText()).isEqualTo("v1");
        assertThat(config.path("kind").asText()).isEqualTo("Config");
        assertThat(config.path("current-context").asText()).isEqualTo("j8s");
        assertThat(config.path("clusters")).hasSize(1);
        assertThat(config.at("/clusters/0/name").asText()).isEqualTo("j8s");
        assertThat(config.at("/users/0/name").asText()).isEqualTo("j8s-admin");
        assertThat(config.at("/contexts/0/name").asText()).isEqualTo("j8s");
        assertThat(config.at("/contexts/0/context/cluster").asText()).isEqualTo("j8s");
        assertThat(config.at("/contexts/0/context/user").asText()).isEqualTo("j8s-admin");
    }

    @Test
    void embedsServerAndBase64PemCredentials() throws Exception {
        Path file = dir.resolve("kubeconfig");

        Kubeconfig.write(file, "https://10.0.0.7:6443", CA.certificate().certPem(), ADMIN);

        KubeconfigFile read = KubeconfigFile.read(file);
        assertThat(read.server()).isEqualTo("https://10.0.0.7:6443");
        assertThat(read.caPem()).isEqualTo(CA.certificate().certPem());
        assertThat(read.clientCertPem()).isEqualTo(ADMIN.certPem());
        // SEC1, as k3s writes it: Java clients (fabric8) recognise an EC key only by this PEM type.
        assertThat(read.clientKeyPem()).startsWith("-----BEGIN EC PRIVATE KEY-----");
        assertThat(((java.security.interfaces.ECPrivateKey) read.clientCert().key()).getS())
                .isEqualTo(((java.security.interfaces.ECPrivateKey) ADMIN.key()).getS());
    }

    @Test
    void isPrivateAndReplacedWholeWithoutLeftovers() throws Exception {
        Path file = dir.resolve("nested/dir/kubeconfig");
        Kubeconfig.write(file, "https://127.0.0.1:1111", CA.certificate().certPem(), ADMIN);

        Kubeconfig.write(file, "https://127.0.0.1:2222", CA.certificate().certPem(), ADMIN);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(KubeconfigFile.read(file).server()).isEqualTo("https://127.0.0.1:2222");
        try (Stream<Path> listing = Files.list(file.getParent())) {
            assertThat(listing).containsExactly(file);
        }
    }

    @Test
    void replacingAnExistingWorldReadableFileMakesItPrivate() throws Exception {
        Path file = dir.resolve("kubeconfig");
        Files.writeString(file, "old");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        Kubeconfig.write(file, "https://127.0.0.1:6443", CA.certificate().certPem(), ADMIN);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }
}
