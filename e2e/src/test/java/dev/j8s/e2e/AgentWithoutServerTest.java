package dev.j8s.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node whose API server goes away: {@code j8s agent} runs in its own process (process runtime), the
 * control plane in another. While the server is down the pod keeps running untouched; when the server
 * comes back the node is Ready again and the pod is the same one, never restarted.
 */
class AgentWithoutServerTest {

    private static final String NODE = "remote-node";

    @TempDir
    static Path dir;

    static J8sProcess server;
    static Process agent;
    static Kubectl kubectl;

    @BeforeAll
    static void start() throws Exception {
        server = J8sProcess.start(dir.resolve("server"));
        kubectl = new Kubectl(Kubectl.pinned(), server.kubeconfig());
        agent = new ProcessBuilder(J8sProcess.ROOT.resolve("j8s").toString(), "agent",
                "--kubeconfig", server.kubeconfig().toString(), "--data-dir", dir.resolve("agent").toString(),
                "--node-name", NODE, "--node-ip", "127.0.0.1", "--agent-port", "0", "--runtime", "process")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("agent.log").toFile())
                .start();
        CriCluster.awaitNodeReady(kubectl, NODE);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (kubectl != null && server != null && server.isAlive()) {
                kubectl.run("delete", "pod", "--all", "--grace-period=1");
            }
        } finally {
            if (agent != null) {
                agent.destroy();
                if (!agent.waitFor(30, TimeUnit.SECONDS)) {
                    agent.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
            if (server != null) {
                server.close();
            }
            LeftoverProcesses.stopUnder(dir);
        }
    }

    @Test
    void podsKeepRunningWhileTheApiServerIsUnreachable() throws Exception {
        Path beat = dir.resolve("beat");
        String manifest = """
                apiVersion: v1
                kind: Pod
                metadata: {name: beater}
                spec:
                  terminationGracePeriodSeconds: 1
                  containers:
                  - name: beat
                    image: busybox
                    command: ["sh", "-c", "while true; do date +%%s%%N > %s.new; mv %s.new %s; sleep 0.1; done"]
                """.formatted(beat, beat, beat);
        kubectl.runWithInput(manifest, "apply", "-f", "-").assertOk();
        kubectl.run("wait", "pod/beater", "--for=condition=Ready", "--timeout=60s").assertOk();
        // The pod replaces the file whole (write, then rename), so a read never sees it half written.
        String containerId = jsonpath("{.status.containerStatuses[0].containerID}");

        server.stop();
        // For well past the node's lease and status intervals the agent retries in vain, and the pod runs on.
        try {
            await().during(Duration.ofSeconds(8)).atMost(Duration.ofSeconds(12)).pollInterval(Duration.ofMillis(500))
                    .until(() -> agent.isAlive() && beatsWithin(beat, Duration.ofSeconds(2)));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("agent alive " + agent.isAlive() + ", last beat "
                    + (Files.exists(beat) ? Files.readString(beat).strip() : "none") + " at " + System.currentTimeMillis()
                    + "; agent log:\n" + Files.readString(dir.resolve("agent.log")), e);
        }

        server.relaunch();
        CriCluster.awaitNodeReady(kubectl, NODE);
        await().atMost(Duration.ofSeconds(30)).until(() -> "True".equals(
                jsonpath("{.status.conditions[?(@.type==\"Ready\")].status}")));
        assertThat(jsonpath("{.status.containerStatuses[0].containerID}")).isEqualTo(containerId);
        assertThat(jsonpath("{.status.containerStatuses[0].restartCount}")).isEqualTo("0");
        assertThat(beatsWithin(beat, Duration.ofSeconds(2))).isTrue();
        assertThat(Files.readString(dir.resolve("agent.log"))).as("agent log").doesNotContain("Exception in thread");
        assertThat(server.log()).doesNotContain("Exception in thread");
    }

    private static String jsonpath(String path) {
        return kubectl.run("get", "pod", "beater", "-o", "jsonpath=" + path).out();
    }

    /** The pod's loop wrote its clock (ns) less than {@code age} ago. */
    private static boolean beatsWithin(Path beat, Duration age) throws IOException {
        String text = Files.exists(beat) ? Files.readString(beat).strip() : "";
        return !text.isEmpty() && System.currentTimeMillis() - Long.parseLong(text) / 1_000_000 < age.toMillis();
    }
}
