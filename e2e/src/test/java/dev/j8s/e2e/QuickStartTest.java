package dev.j8s.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command as root: {@code ./j8s up} prepares the node (containerd, runc, CNI plugins,
 * the offline pause image), starts j8s in the background and points kubectl at it; a pod from a local
 * registry runs on containerd; {@code ./j8s down} stops it all. The user's kubeconfig is written under a
 * home directory of the test's own.
 */
class QuickStartTest {

    @TempDir
    Path dir;

    @Test
    void upStartsANodeOnContainerdThatRunsPodsAndDownStopsIt() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "containerd needs root");
        assumeTrue(!Files.exists(Path.of("/sys/class/net", CriCluster.BRIDGE)), "bridge j8s0 is in use");
        Path data = dir.resolve("data");
        Path home = Files.createDirectories(dir.resolve("home"));
        Path images = Path.of(CriCluster.run(J8sProcess.ROOT.resolve("scripts/test-images.sh").toString()).strip()
                .lines().reduce((a, b) -> b).orElseThrow());
        Path registryDir = dir.resolve("registry");
        String registry = "127.0.0.1:" + CriCluster.freePort();
        CriCluster.run(J8sProcess.ROOT.resolve("scripts/local-registry.sh").toString(), "start", registryDir.toString(),
                registry.substring(registry.indexOf(':') + 1), images.toString());
        try {
            String up = j8s(home, "up", "--data-dir", data.toString(), "--https-port", "0");
            assertThat(up).contains(" ready").contains("Wrote " + home.resolve(".kube/config"));
            Kubectl kubectl = new Kubectl(Kubectl.pinned(), home.resolve(".kube/config"));
            String node = kubectl.run("get", "nodes", "-o", "jsonpath={.items[0].metadata.name}").assertOk().out();
            CriCluster.awaitNodeReady(kubectl, node);
            assertThat(kubectl.run("get", "node", node, "-o", "jsonpath={.status.nodeInfo.containerRuntimeVersion}")
                    .out()).startsWith("containerd://");
            kubectl.run("run", "hello", "--image=" + registry + "/j8s-test/busybox:latest", "--restart=Never",
                    "--command", "--", "sleep", "3600").assertOk();
            kubectl.run("wait", "pod/hello", "--for=condition=Ready", "--timeout=90s").assertOk();
            assertThat(j8s(home, "up", "--data-dir", data.toString())).contains("already running");
        } finally {
            String down = j8s(home, "down", "--data-dir", data.toString());
            CriCluster.run(J8sProcess.ROOT.resolve("scripts/local-registry.sh").toString(), "stop", registryDir.toString());
            assertThat(down).contains("j8s stopped");
        }
        assertThat(Path.of("/sys/class/net", CriCluster.BRIDGE)).as("bridge left behind").doesNotExist();
        assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).doesNotContain(dir.toString());
    }

    /** {@code ./j8s ARGS} with the test's home directory; its stdout after asserting exit code 0. */
    private static String j8s(Path home, String... args) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(java.util.stream.Stream.concat(
                java.util.stream.Stream.of(J8sProcess.ROOT.resolve("j8s").toString()), List.of(args).stream()).toList())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().put("J8S_SKIP_BUILD", "1");
        pb.environment().put("HOME", home.toString());
        pb.environment().put("J8S_JAVA_OPTS", "-Duser.home=" + home);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("./j8s %s: %s", String.join(" ", args), out).isZero();
        return out;
    }
}
