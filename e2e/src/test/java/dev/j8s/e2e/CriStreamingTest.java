package dev.j8s.e2e;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kubectl attach and terminals against containers of {@code j8s server}'s local containerd node: attach follows a
 * busybox container's output (WebSocket and kubectl's SPDY fallback), feeds a stdinOnce container's stdin, and
 * {@code exec -it} / {@code attach -it} terminals take kubectl's size through CRI's resize stream. Needs root.
 */
class CriStreamingTest {

    @TempDir
    static Path dir;

    static CriCluster cluster;
    static Kubectl kubectl;

    @BeforeAll
    static void start() throws Exception {
        cluster = CriCluster.start(dir, "cri-stream-node", List.of());
        kubectl = cluster.kubectl;
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            kubectl.run("delete", "pod", "--all", "--grace-period=1", "--wait=true", "--timeout=60s");
            cluster.close();
        }
    }

    @Test
    void attachFollowsWhatTheContainerWritesFromNowOn() throws Exception {
        kubectl.runWithInput(StreamingChecks.tickerPod("ticker", cluster.image("busybox:latest")), "apply", "-f", "-")
                .assertOk();
        StreamingChecks.awaitRunning(kubectl, "ticker");
        StreamingChecks.attachFollowsNewOutput(kubectl, "ticker");
        StreamingChecks.attachFollowsNewOutput(kubectl.withEnv("KUBECTL_REMOTE_COMMAND_WEBSOCKETS", "false"), "ticker");
        StreamingChecks.execTerminalHasTheClientsSize(kubectl, "ticker");
    }

    @Test
    void attachWithStdinFeedsTheContainersStdin() {
        kubectl.runWithInput(StreamingChecks.echoPod("echoer", cluster.image("busybox:latest")), "apply", "-f", "-")
                .assertOk();
        StreamingChecks.awaitRunning(kubectl, "echoer");
        StreamingChecks.attachSendsStdin(kubectl, "echoer");
    }

    @Test
    void attachWithATerminalToATerminalContainer() throws Exception {
        kubectl.runWithInput(StreamingChecks.terminalPod("shell", cluster.image("busybox:latest")), "apply", "-f", "-")
                .assertOk();
        StreamingChecks.awaitRunning(kubectl, "shell");
        StreamingChecks.attachTerminalHasTheClientsSize(kubectl, "shell");
    }
}
