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
import java.util.ArrayList;
import java.util.List;

/**
 * {@code j8s server} with its local node on containerd, the offline test images in a local plain-HTTP
 * registry and the pause image imported, for e2e suites that need real containers. Needs root and
 * scripts/install-node-deps.sh. {@link #close()} stops j8s, its containerd (and with it pods, mounts,
 * network namespaces and the bridge) and the registry, and checks nothing was left behind.
 */
final class CriCluster implements AutoCloseable {

    static final String BRIDGE = "j8s0";

    final Path dir;
    final Path images;
    final String registry;
    final J8sProcess server;
    final Kubectl kubectl;
    private final Path registryDir;

    private CriCluster(Path dir, Path images, Path registryDir, String registry, J8sProcess server, Kubectl kubectl) {
        this.dir = dir;
        this.images = images;
        this.registryDir = registryDir;
        this.registry = registry;
        this.server = server;
        this.kubectl = kubectl;
    }

    /** Starts it all under {@code dir}; {@code serverArgs} are added to {@code j8s server}'s. */
    static CriCluster start(Path dir, String node, List<String> serverArgs) throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "containerd needs root");
        assumeTrue(!Files.exists(Path.of("/sys/class/net", BRIDGE)), "bridge " + BRIDGE + " is in use");
        Path images = Path.of(run(J8sProcess.ROOT.resolve("scripts/test-images.sh").toString()).strip().lines()
                .reduce((a, b) -> b).orElseThrow());
        Path registryDir = dir.resolve("registry");
        String registry = "127.0.0.1:" + freePort();
        run(J8sProcess.ROOT.resolve("scripts/local-registry.sh").toString(), "start", registryDir.toString(),
                registry.substring(registry.indexOf(':') + 1), images.toString());
        J8sProcess server = null;
        try {
            List<String> args = new ArrayList<>(List.of("--runtime", "cri"));
            args.addAll(serverArgs);
            server = J8sProcess.startWithLocalNode(dir.resolve("data"), node, args);
            // The pause image comes offline, as on an air-gapped node.
            run(J8sProcess.ROOT.resolve("j8s").toString(), "images", "import", "--data-dir",
                    server.dataDir().toString(), images.resolve("pause_3.9.tar").toString());
            Kubectl kubectl = new Kubectl(Kubectl.pinned(), server.kubeconfig());
            awaitNodeReady(kubectl, node);
            return new CriCluster(dir, images, registryDir, registry, server, kubectl);
        } catch (Exception | AssertionError e) {
            new CriCluster(dir, images, registryDir, registry, server, null).stopAll();
            throw e;
        }
    }

    /** The test image {@code name:tag} as pods pull it from the local registry. */
    String image(String nameAndTag) {
        return registry + "/j8s-test/" + nameAndTag;
    }

    /** {@code kubectl get <resource...> -o jsonpath=<path>}; {@code resource} may hold several words. */
    String jsonpath(String resource, String path) {
        return jsonpath(kubectl, resource, path);
    }

    static String jsonpath(Kubectl k, String resource, String path) {
        List<String> args = new ArrayList<>(List.of("get"));
        args.addAll(List.of(resource.split(" ")));
        args.addAll(List.of("-o", "jsonpath=" + path));
        return k.run(args.toArray(String[]::new)).out();
    }

    static void awaitNodeReady(Kubectl k, String node) {
        await(node + " Ready").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> k.run("get", "node", node, "-o",
                        "jsonpath={.status.conditions[?(@.type==\"Ready\")].status}").out().equals("True"));
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Runs a project script or command; its stdout, after asserting exit code 0. */
    static String run(String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().put("J8S_SKIP_BUILD", "1");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("%s exit code", String.join(" ", command)).isZero();
        return out;
    }

    private void stopAll() throws Exception {
        try {
            if (server != null) {
                Path pidFile = server.dataDir().resolve("agent/cri/containerd/containerd.pid");
                if (!server.isAlive() && Files.exists(pidFile)) {
                    // Killed and not back: a new server takes over the old containerd and cleans it all up.
                    server.relaunch();
                }
                server.stop();
                if (Files.exists(pidFile)) {
                    ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip())).ifPresent(p -> {
                        p.destroyForcibly();
                        p.onExit().join();
                    });
                }
            }
        } finally {
            run(J8sProcess.ROOT.resolve("scripts/local-registry.sh").toString(), "stop", registryDir.toString());
        }
    }

    @Override
    public void close() throws Exception {
        stopAll();
        if (server != null) {
            assertThat(Path.of("/sys/class/net", BRIDGE)).as("bridge left behind").doesNotExist();
            assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).doesNotContain(dir.toString());
        }
    }
}
