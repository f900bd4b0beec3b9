package dev.j8s.apiserver.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real TLS on 127.0.0.1: the PKI's server context against JDK, curl and kubectl clients. */
class ClusterPkiTlsTest {

    @TempDir
    Path dir;

    private ClusterPki pki;
    private WhoAmIServer server;
    private Path kubeconfig;

    @BeforeEach
    void startServer() throws Exception {
        pki = ClusterPki.loadOrCreate(dir.resolve("pki"), List.of());
        server = new WhoAmIServer(pki.serverSslContext());
        kubeconfig = dir.resolve("kubeconfig");
        Kubeconfig.write(kubeconfig, server.url(), pki.caPem(), pki.adminCert());
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void kubeconfigCredentialsAuthenticateAsAdminOverHttp2() throws Exception {
        KubeconfigFile config = KubeconfigFile.read(kubeconfig);

        HttpResponse<String> response = get(config.server() + "/whoami", config.caPem(), config.clientCert());

        assertThat(response.body()).isEqualTo(ClusterPki.ADMIN_USER);
        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(server.requests()).containsExactly(new WhoAmIServer.Seen("/whoami", "j8s-admin", "h2"));
    }

    @Test
    void clientWithoutCertificateCompletesHandshakeAsAnonymous() throws Exception {
        HttpResponse<String> response = get(server.url() + "/whoami", pki.caPem(), null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(WhoAmIServer.ANONYMOUS);
    }

    @Test
    void issuedClientCertificateCarriesItsName() throws Exception {
        IssuedCert agent = pki.issueClientCert("system:node:worker-1", List.of("system:nodes"), Duration.ofDays(1));

        assertThat(get(server.url() + "/whoami", pki.caPem(), agent).body()).isEqualTo("system:node:worker-1");
    }

    @Test
    void certificateFromAnotherCaIsRejected() {
        ClusterPki other = ClusterPki.loadOrCreate(dir.resolve("other-pki"), List.of());

        assertThatThrownBy(() -> get(server.url() + "/whoami", pki.caPem(), other.adminCert()))
                .isInstanceOf(IOException.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> !server.handshakeFailures().isEmpty());
        assertThat(server.handshakeFailures().getFirst())
                .isInstanceOf(SSLHandshakeException.class)
                .hasMessageContaining("PKIX")
                .hasRootCauseInstanceOf(GeneralSecurityException.class);
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void clientTrustingAnotherCaRejectsTheServer() {
        ClusterPki other = ClusterPki.loadOrCreate(dir.resolve("other-pki"), List.of());

        assertThatThrownBy(() -> get(server.url() + "/whoami", other.caPem(), null))
                .isInstanceOf(IOException.class);
    }

    @Test
    void curlAuthenticatesWithTheWrittenFiles() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")), "no /usr/bin/curl");
        Run withCert = curl("--cert", pki("admin.crt"), "--key", pki("admin.key"));
        Run withoutCert = curl("--http1.1");
        Run tls12 = curl("--tls-max", "1.2", "--cert", pki("admin.crt"), "--key", pki("admin.key"));

        assertThat(withCert.exitCode()).as(withCert.stderr()).isZero();
        assertThat(withCert.stdout()).isEqualTo("j8s-admin");
        assertThat(withoutCert.exitCode()).as(withoutCert.stderr()).isZero();
        assertThat(withoutCert.stdout()).isEqualTo(WhoAmIServer.ANONYMOUS);
        assertThat(tls12.exitCode()).as(tls12.stderr()).isZero();
        assertThat(tls12.stdout()).isEqualTo("j8s-admin");
        assertThat(server.requests()).extracting(WhoAmIServer.Seen::protocol).contains("http/1.1");
    }

    @Test
    void kubectlReachesTheServerWithTheKubeconfig() throws Exception {
        Optional<Path> kubectl = onPath("kubectl");
        Assumptions.assumeTrue(kubectl.isPresent(), "no kubectl on PATH");

        Run result = run(List.of(kubectl.get().toString(), "--kubeconfig", kubeconfig.toString(),
                "--cache-dir", dir.resolve("kube-cache").toString(), "--request-timeout", "20s",
                "get", "--raw", "/version"));

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout().strip()).isEqualTo(WhoAmIServer.VERSION_JSON);
        // The dispatcher probes /version before running the bundled kubectl; both must present the admin certificate.
        assertThat(server.requests()).isNotEmpty()
                .allSatisfy(seen -> assertThat(seen).isEqualTo(new WhoAmIServer.Seen("/version", "j8s-admin", "h2")));
    }

    /** curl as an independent TLS client (OpenSSL), trusting only the written ca.crt. */
    private Run curl(String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                "/usr/bin/curl", "-sS", "--noproxy", "*", "--max-time", "20", "--cacert", pki("ca.crt")));
        command.addAll(List.of(options));
        command.add(server.url() + "/whoami");
        return run(command);
    }

    private String pki(String file) {
        return dir.resolve("pki").resolve(file).toString();
    }

    private static HttpResponse<String> get(String url, String caPem, IssuedCert clientCert) throws Exception {
        try (HttpClient client = HttpClient.newBuilder()
                .sslContext(ClientTls.context(caPem, clientCert))
                .connectTimeout(Duration.ofSeconds(10))
                .build()) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).build();
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }

    private record Run(int exitCode, String stdout, String stderr) {}

    private Run run(List<String> command) throws Exception {
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        // Loopback only: no proxy may intercept, and nothing from the user's own kube config leaks in.
        Stream.of("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy", "KUBECONFIG")
                .forEach(builder.environment()::remove);
        builder.environment().put("NO_PROXY", "127.0.0.1");
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command.getFirst() + " did not finish within 60 s");
        }
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private static Optional<Path> onPath(String name) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(entry -> !entry.isEmpty())
                .map(entry -> Path.of(entry, name))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
