package dev.j8s.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code j8s server} with its local node's service proxy in userspace mode and the service LB, driven by the
 * real kubectl: a NodePort and a LoadBalancer Service, whose EndpointSlice the test writes (pointing at an
 * HTTP server on 127.0.0.2), answer on 127.0.0.1, and the LoadBalancer gets 127.0.0.1 as its address.
 */
class ServiceProxyProcessTest {

    @TempDir
    static Path dir;

    static J8sProcess server;
    static Kubectl kubectl;
    static HttpServer upstream;

    @BeforeAll
    static void start() throws Exception {
        upstream = LoopbackUpstream.start("127.0.0.2", exchange -> "upstream");
        server = J8sProcess.startWithLocalNode(dir.resolve("data"), "proxy-node", List.of("--runtime", "process",
                "--proxy-mode", "userspace", "--nodeport-addresses", "127.0.0.1/32",
                "--servicelb-bind-address", "127.0.0.1"));
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
    void nodePortAndLoadBalancerAnswerOnLoopback() throws Exception {
        int nodePort = freePort(30000 + (int) (ProcessHandle.current().pid() % 2000));
        int lbPort = freePort(0);
        int target = upstream.getAddress().getPort();
        kubectl.runWithInput("""
                apiVersion: v1
                kind: Service
                metadata: {name: web}
                spec:
                  type: NodePort
                  clusterIP: 10.43.60.1
                  ports: [{name: http, port: 80, targetPort: %1$d, nodePort: %2$d}]
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: weblb}
                spec:
                  type: LoadBalancer
                  clusterIP: 10.43.60.2
                  ports: [{name: http, port: %3$d, targetPort: %1$d}]
                ---
                apiVersion: discovery.k8s.io/v1
                kind: EndpointSlice
                metadata: {name: web-1, labels: {kubernetes.io/service-name: web}}
                addressType: IPv4
                ports: [{name: http, port: %1$d, protocol: TCP}]
                endpoints: [{addresses: ["127.0.0.2"], conditions: {ready: true}}]
                ---
                apiVersion: discovery.k8s.io/v1
                kind: EndpointSlice
                metadata: {name: weblb-1, labels: {kubernetes.io/service-name: weblb}}
                addressType: IPv4
                ports: [{name: http, port: %1$d, protocol: TCP}]
                endpoints: [{addresses: ["127.0.0.2"], conditions: {ready: true}}]
                """.formatted(target, nodePort, lbPort), "apply", "-f", "-").assertOk();

        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(get(nodePort)).isEqualTo("upstream"));
        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(get(lbPort)).isEqualTo("upstream"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(kubectl.run("get", "service", "weblb",
                "-o", "jsonpath={.status.loadBalancer.ingress[*].ip}").out()).isEqualTo("127.0.0.1"));
        assertThat(kubectl.run("get", "service", "weblb").assertOk().out()).contains("127.0.0.1");
    }

    private static String get(int port) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return response.substring(response.indexOf("\r\n\r\n") + 4);
        }
    }

    /** A free port on 127.0.0.1: from {@code from} upwards, or any when 0. */
    private static int freePort(int from) throws IOException {
        if (from == 0) {
            try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
                return probe.getLocalPort();
            }
        }
        for (int port = from; port < 32767; port++) {
            try (ServerSocket probe = new ServerSocket()) {
                probe.bind(new InetSocketAddress("127.0.0.1", port));
                return port;
            } catch (IOException taken) {
                // next
            }
        }
        throw new IOException("no free port from " + from);
    }
}
