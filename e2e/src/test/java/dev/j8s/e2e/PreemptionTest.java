package dev.j8s.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Priority-class preemption on a full one-node hollow cluster, through kubectl: a low-priority pod holds most
 * of the node's CPU, a high-priority pod that does not fit beside it is nominated to the node, the victim is
 * deleted, and the high-priority pod is bound there.
 */
class PreemptionTest extends ServerPerClass {

    private Process hollow;
    private Process watch;

    @AfterEach
    void stopProcesses() throws InterruptedException {
        for (Process p : new Process[] {watch, hollow}) {
            if (p != null && p.isAlive()) {
                p.destroy();
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        }
    }

    @Test
    void aHighPriorityPodThatDoesNotFitPreemptsTheLowPriorityOne() throws Exception {
        Path log = dir.resolve("hollow.log");
        ProcessBuilder pb = new ProcessBuilder(J8sProcess.ROOT.resolve("j8s").toString(), "hollow",
                "--kubeconfig", server.kubeconfig().toString(), "--nodes", "1", "--lease-seconds", "2",
                "--name-prefix", "full-")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put("J8S_SKIP_BUILD", "1");
        hollow = pb.start();
        await("the hollow node is Ready (see " + log + ")").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .failFast("j8s hollow exited", () -> !hollow.isAlive())
                .until(() -> kubectl.run("get", "node", "full-0", "-o",
                        "jsonpath={.status.conditions[?(@.type==\"Ready\")].status}").out().equals("True"));

        kubectl.runWithInput("""
                apiVersion: scheduling.k8s.io/v1
                kind: PriorityClass
                metadata: {name: low}
                value: 10
                ---
                apiVersion: scheduling.k8s.io/v1
                kind: PriorityClass
                metadata: {name: high}
                value: 1000
                """, "apply", "-f", "-").assertOk();
        // The hollow node offers 4 CPUs: each pod asks for 3, so the second fits only in place of the first.
        pod("victim", "low");
        kubectl.run("wait", "--for=condition=Ready", "pod/victim", "--timeout=60s").assertOk();
        assertThat(kubectl.run("get", "pod", "victim", "-o", "jsonpath={.spec.nodeName}").assertOk().out())
                .isEqualTo("full-0");

        // Every state of the preemptor as a line: nominatedNodeName and nodeName, from a kubectl watch.
        Path states = dir.resolve("preemptor-states.txt");
        Files.writeString(states, "");
        watch = new ProcessBuilder(Kubectl.pinned().toString(), "--kubeconfig", server.kubeconfig().toString(),
                "get", "pods", "--watch", "--field-selector=metadata.name=preemptor", "-o",
                "jsonpath=nominated={.status.nominatedNodeName} node={.spec.nodeName}{\"\\n\"}")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(states.toFile()))
                .start();
        pod("preemptor", "high");

        await("the preemptor is bound to the node").atMost(Duration.ofSeconds(60))
                .until(() -> kubectl.run("get", "pod", "preemptor", "-o", "jsonpath={.spec.nodeName}").out()
                        .equals("full-0"));
        assertThat(kubectl.run("get", "pod", "victim").err()).contains("NotFound");
        await("the watch saw the nomination").atMost(Duration.ofSeconds(10))
                .until(() -> lines(states).contains("nominated=full-0 node="));
        kubectl.run("wait", "--for=condition=Ready", "pod/preemptor", "--timeout=60s").assertOk();
        assertThat(kubectl.run("get", "events", "--field-selector=reason=Preempted", "-o",
                "jsonpath={.items[*].involvedObject.name}").assertOk().out()).contains("victim");
    }

    private static void pod(String name, String priorityClass) {
        kubectl.runWithInput("""
                apiVersion: v1
                kind: Pod
                metadata: {name: %s}
                spec:
                  priorityClassName: %s
                  terminationGracePeriodSeconds: 0
                  containers:
                  - name: app
                    image: busybox
                    resources: {requests: {cpu: "3"}}
                """.formatted(name, priorityClass), "apply", "-f", "-").assertOk();
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8);
    }
}
