package dev.j8s.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in ingress of a real {@code j8s server}, configured with the real kubectl: {@code kubectl
 * create ingress --class=j8s}, then curl through the proxy to an HTTP server on 127.0.0.1 behind a
 * selector-less Service.
 */
class IngressTest {

    @TempDir
    static Path dir;
    static J8sProcess server;
    static Kubectl kubectl;
    static HttpServer upstream;
    static int ingressPort;

    @BeforeAll
    static void start() throws Exception {
        upstream = LoopbackUpstream.start("127.0.0.1", exchange -> "hello from " + exchange.getRequestURI().getPath()
                + " via " + exchange.getRequestHeaders().getFirst("X-Forwarded-Host") + "\n");
        ingressPort = freePort();
        server = J8sProcess.start(dir.resolve("data"), List.of("--ingress-bind-address", "127.0.0.1",
                "--ingress-http-port", Integer.toString(ingressPort), "--ingress-https-port", Integer.toString(freePort())));
        kubectl = new Kubectl(Kubectl.pinned(), server.kubeconfig());
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (upstream != null) {
            upstream.stop(0);
        }
    }

    @Test
    void kubectlCreateIngressRoutesThroughTheProxy() throws Exception {
        assertThat(kubectl.run("get", "ingressclass", "j8s", "-o", "jsonpath={.spec.controller}").assertOk().out())
                .isEqualTo("j8s.dev/ingress");
        kubectl.runWithInput("""
                apiVersion: v1
                kind: Service
                metadata: {name: web}
                spec: {ports: [{name: http, port: 80, targetPort: 8080}]}
                ---
                apiVersion: discovery.k8s.io/v1
                kind: EndpointSlice
                metadata: {name: web-1, labels: {kubernetes.io/service-name: web}}
                addressType: IPv4
                ports: [{name: http, port: %d, protocol: TCP}]
                endpoints: [{addresses: [127.0.0.1], conditions: {ready: true}}]
                """.formatted(upstream.getAddress().getPort()), "apply", "-f", "-").assertOk();
        kubectl.run("create", "ingress", "web", "--class=j8s", "--rule=web.e2e.test/app*=web:80").assertOk();

        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                assertThat(curl("-H", "Host: web.e2e.test", "http://127.0.0.1:" + ingressPort + "/app/page"))
                        .isEqualTo("200 hello from /app/page via web.e2e.test\n"));
        assertThat(curl("-H", "Host: web.e2e.test", "http://127.0.0.1:" + ingressPort + "/other")).startsWith("404");
        assertThat(curl("-H", "Host: elsewhere.test", "http://127.0.0.1:" + ingressPort + "/app")).startsWith("404");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(kubectl.run("get", "ingress", "web",
                "-o", "jsonpath={.status.loadBalancer.ingress[0].ip}").assertOk().out()).isEqualTo("127.0.0.1"));

        // The JDK's client, too (Host comes from the URL here, so a rule without host answers).
        kubectl.run("create", "ingress", "any-host", "--class=j8s", "--rule=/plain=web:http").assertOk();
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + ingressPort + "/plain")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).startsWith("hello from /plain");
        });
    }

    static String curl(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "--max-time", "10", "-w", "%{http_code} "));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(20, TimeUnit.SECONDS);
        // -w prints after the body: move the status to the front.
        String code = out.substring(out.length() - 4).trim();
        return code + " " + out.substring(0, out.length() - 4);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
