package dev.j8s.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The scheduler in `j8s server`, seen through kubectl: why a pod that fits nowhere stays Pending. */
class SchedulerTest extends ServerPerClass {

    @BeforeAll
    static void oneSmallNode() {
        kubectl.runWithInput("""
                apiVersion: v1
                kind: Node
                metadata:
                  name: small
                  labels: {kubernetes.io/hostname: small, disk: hdd}
                """, "apply", "-f", "-").assertOk();
        kubectl.run("patch", "node", "small", "--subresource=status", "--type=merge", "-p", """
                {"status": {"capacity": {"cpu": "1", "memory": "1Gi", "pods": "10"},
                            "allocatable": {"cpu": "1", "memory": "1Gi", "pods": "10"},
                            "conditions": [{"type": "Ready", "status": "True", "reason": "KubeletReady"}]}}
                """).assertOk();
        kubectl.run("create", "namespace", "sched").assertOk();
    }

    private static void pod(String name, String spec) {
        kubectl.runWithInput("""
                apiVersion: v1
                kind: Pod
                metadata: {name: %s, namespace: sched}
                spec:
                %s
                """.formatted(name, spec.indent(2)), "apply", "-f", "-").assertOk();
    }

    private static String describe(String pod) {
        return kubectl.run("describe", "pod", pod, "-n", "sched").assertOk().out();
    }

    @Test
    void aPodThatNeedsMoreCpuThanAnyNodeHasIsUnschedulableWithTheCounts() {
        pod("big", """
                containers:
                - name: app
                  image: busybox
                  resources: {requests: {cpu: "2"}}
                """);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(describe("big"))
                .contains("FailedScheduling")
                .contains("0/1 nodes are available: 1 Insufficient cpu."));
        assertThat(kubectl.run("get", "pod", "big", "-n", "sched", "-o",
                "jsonpath={.status.conditions[?(@.type==\"PodScheduled\")].reason}").assertOk().out())
                .isEqualTo("Unschedulable");
        assertThat(kubectl.run("get", "pod", "big", "-n", "sched").assertOk().out()).contains("Pending");
    }

    @Test
    void aNodeSelectorNoNodeMatchesIsReported() {
        pod("picky", """
                nodeSelector: {disk: ssd}
                containers:
                - {name: app, image: busybox}
                """);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(describe("picky"))
                .contains("0/1 nodes are available: 1 node(s) didn't match Pod's node affinity/selector."));
    }
}
