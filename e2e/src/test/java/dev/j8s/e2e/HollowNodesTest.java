package dev.j8s.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code j8s hollow} as a separate process joins a real j8s server; kubectl sees its nodes and pods. */
class HollowNodesTest extends ServerPerClass {

    private Process hollow;

    @AfterEach
    void stopHollow() throws InterruptedException {
        if (hollow != null && hollow.isAlive()) {
            hollow.destroy();
            if (!hollow.waitFor(30, TimeUnit.SECONDS)) {
                hollow.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void threeHollowNodesAreReadyAndRunAPodBoundToThem() throws Exception {
        Path log = dir.resolve("hollow.log");
        ProcessBuilder pb = new ProcessBuilder(J8sProcess.ROOT.resolve("j8s").toString(), "hollow",
                "--kubeconfig", server.kubeconfig().toString(), "--nodes", "3", "--lease-seconds", "2")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put("J8S_SKIP_BUILD", "1");
        hollow = pb.start();

        await("3 Ready hollow nodes (see " + log + ")").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .failFast("j8s hollow exited: " + (Files.exists(log) ? "see " + log : ""), () -> !hollow.isAlive())
                .until(() -> readyHollowNodes().size() == 3);
        assertThat(readyHollowNodes()).containsExactly("hollow-0", "hollow-1", "hollow-2");
        await().atMost(Duration.ofSeconds(30)).until(() -> kubectl.run("get", "lease", "hollow-1", "-n",
                "kube-node-lease", "-o", "jsonpath={.spec.holderIdentity}").out().equals("hollow-1"));

        kubectl.run("run", "web", "--image=busybox", "--overrides={\"spec\":{\"nodeName\":\"hollow-1\"}}").assertOk();
        kubectl.run("wait", "--for=condition=Ready", "pod/web", "--timeout=60s").assertOk();
        assertThat(kubectl.run("get", "pod", "web", "-o", "jsonpath={.status.phase} {.status.hostIP}").assertOk().out())
                .startsWith("Running 127.");
        kubectl.run("delete", "pod", "web", "--wait=true", "--timeout=60s").assertOk();
        assertThat(kubectl.run("get", "pod", "web").assertFails().err()).contains("NotFound");
    }

    /** Names of nodes whose STATUS column says Ready, from {@code kubectl get nodes}. */
    private static List<String> readyHollowNodes() {
        Kubectl.Result nodes = kubectl.run("get", "nodes", "--no-headers");
        if (nodes.exitCode() != 0) {
            return List.of();
        }
        return Arrays.stream(nodes.out().split("\n"))
                .map(line -> line.trim().split("\\s+"))
                .filter(cols -> cols.length >= 2 && cols[0].startsWith("hollow-") && cols[1].equals("Ready"))
                .map(cols -> cols[0])
                .sorted()
                .toList();
    }
}
