package dev.j8s.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cluster DNS with real containers: a busybox pod on containerd gets the cluster nameserver, search path
 * and ndots:5 in its /etc/resolv.conf, and from inside its network namespace resolves a Service's name
 * at the DNS server, which moved to the pod bridge's gateway (10.42.0.1:53) once the bridge came up.
 * Needs root and scripts/install-node-deps.sh; stops containerd (pods, netns, bridge) even on failure.
 */
class ClusterDnsCriTest {

    private static final String NODE = "dns-node";
    private static final String BRIDGE = "j8s0";

    @TempDir
    static Path dir;

    static Path registryDir;
    static String registry;
    static J8sProcess server;
    static Kubectl kubectl;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "containerd needs root");
        assumeTrue(!Files.exists(Path.of("/sys/class/net", BRIDGE)), "bridge " + BRIDGE + " is in use");
        Path images = Path.of(run(J8sProcess.ROOT.resolve("scripts/test-images.sh").toString()).strip().lines()
                .reduce((a, b) -> b).orElseThrow());
        registryDir = dir.resolve("registry");
        int port = freePort();
        registry = "127.0.0.1:" + port;
        run(J8sProcess.ROOT.resolve("scripts/local-registry.sh").toString(), "start", registryDir.toString(),
                Integer.toString(port), images.toString());
        server = J8sProcess.startWithLocalNode(dir.resolve("data"), NODE, List.of("--runtime", "cri"));
        run(J8sProcess.ROOT.resolve("j8s").toString(), "images", "import", "--data-dir",
                server.dataDir().toString(), images.resolve("pause_3.9.tar").toString());
        kubectl = new Kubectl(Kubectl.pinned(), server.kubeconfig());
        await(NODE + " Ready").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> kubectl.run("get", "node", NODE, "-o",
                        "jsonpath={.status.conditions[?(@.type==\"Ready\")].status}").out().equals("True"));
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (server != null) {
                server.stop();
                Path pidFile = server.dataDir().resolve("agent/cri/containerd/containerd.pid");
                if (Files.exists(pidFile)) {
                    ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip())).ifPresent(p -> {
                        p.destroyForcibly();
                        p.onExit().join();
                    });
                }
            }
        } finally {
            if (registryDir != null) {
                run(J8sProcess.ROOT.resolve("scripts/local-registry.sh").toString(), "stop", registryDir.toString());
            }
        }
    }

    @Test
    void aPodGetsTheClusterResolverAndResolvesServicesThroughTheBridge() {
        kubectl.runWithInput("""
                apiVersion: v1
                kind: Service
                metadata: {name: web}
                spec:
                  clusterIP: 10.43.0.50
                  ports: [{name: http, port: 80}]
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: dnsclient}
                spec:
                  terminationGracePeriodSeconds: 1
                  containers:
                  - name: c
                    image: %s/j8s-test/busybox:latest
                    command: ["sleep", "3600"]
                """.formatted(registry), "apply", "-f", "-").assertOk();
        kubectl.run("wait", "--for=condition=Ready", "pod/dnsclient", "--timeout=90s").assertOk();

        String resolv = kubectl.run("exec", "dnsclient", "--", "cat", "/etc/resolv.conf").out();
        assertThat(resolv.lines().map(String::strip)).contains("nameserver 10.43.0.10",
                "options ndots:5").anyMatch(l -> l.startsWith("search default.svc.cluster.local svc.cluster.local cluster.local"));

        // The bridge exists now: the DNS server moves to its gateway and the kube-dns endpoint follows.
        await("kube-dns endpoint on the bridge").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500))
                .until(() -> kubectl.run("get", "endpointslice", "-n", "kube-system", "kube-dns-" + NODE, "-o",
                        "jsonpath={.endpoints[0].addresses[0]}:{.ports[0].port}").out(), "10.42.0.1:53"::equals);
        String answer = await("nslookup from the pod").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofSeconds(1))
                .until(() -> kubectl.run("exec", "dnsclient", "--", "nslookup", "-type=a",
                        "web.default.svc.cluster.local", "10.42.0.1").out(), out -> out.contains("10.43.0.50"));
        assertThat(answer).contains("web.default.svc.cluster.local");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String run(String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().put("J8S_SKIP_BUILD", "1");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("%s exit code", String.join(" ", command)).isZero();
        return out;
    }
}
