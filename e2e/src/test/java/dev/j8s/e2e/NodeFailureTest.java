package dev.j8s.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.j8s.client.KubeClient;
import dev.j8s.client.ListOptions;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A node dies: one of two hollow-node processes is killed, its node stops renewing its Lease, the
 * node lifecycle controller marks it NotReady and taints it unreachable, evicts its pods, and the
 * Deployment's replacements run on the surviving nodes. The time from the kill until six Ready
 * replicas run on survivors only is measured and printed (the j8s target is 10 s: 5 s Lease grace
 * plus 5 s default toleration of unreachable).
 */
class NodeFailureTest extends ServerPerClass {

    private static final String LONE = "lone-0";

    static HollowProcess pair;
    static HollowProcess lone;
    static KubeClient client;

    @BeforeAll
    static void threeNodesInTwoProcesses() throws Exception {
        pair = HollowProcess.start(server.kubeconfig(), dir, "pair-", 2, kubectl);
        lone = HollowProcess.start(server.kubeconfig(), dir, "lone-", 1, kubectl);
        client = KubeClient.fromKubeconfig(server.kubeconfig());
        kubectl.run("create", "namespace", "failover").assertOk();
    }

    @AfterAll
    static void stopNodes() throws Exception {
        if (client != null) {
            client.close();
        }
        for (HollowProcess p : new HollowProcess[] {lone, pair}) {
            if (p != null) {
                p.close();
            }
        }
    }

    private static List<Pod> webPods() {
        return client.resources(Pod.class).list("failover", ListOptions.ALL).items().stream()
                .filter(p -> "web".equals(p.getMetadata().getLabels() == null ? null
                        : p.getMetadata().getLabels().get("app")))
                .toList();
    }

    private static boolean ready(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getConditions() != null && pod.getStatus().getConditions()
                .stream().anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
    }

    private static boolean terminating(Pod pod) {
        return pod.getMetadata().getDeletionTimestamp() != null;
    }

    private static String nodeOf(Pod pod) {
        return pod.getSpec().getNodeName();
    }

    /** Six Ready replicas, all on surviving nodes, and none left to run on the dead one. */
    private static boolean recoveredOnSurvivors() {
        List<Pod> live = webPods().stream().filter(p -> !terminating(p)).toList();
        return live.stream().noneMatch(p -> LONE.equals(nodeOf(p)))
                && live.stream().filter(p -> ready(p) && nodeOf(p) != null && nodeOf(p).startsWith("pair-")).count() == 6;
    }

    @Test
    void podsOfAKilledNodeAreReplacedOnTheSurvivingNodes() throws Exception {
        kubectl.run("create", "deployment", "web", "-n", "failover", "--image=echo:v1", "--replicas=6").assertOk();
        kubectl.run("rollout", "status", "deployment/web", "-n", "failover", "--timeout=90s").assertOk();
        await().atMost(Duration.ofSeconds(30)).until(() -> webPods().stream().filter(NodeFailureTest::ready).count() == 6);
        List<String> onLone = webPods().stream().filter(p -> LONE.equals(nodeOf(p)))
                .map(p -> p.getMetadata().getName()).toList();
        assertThat(onLone).as("the scheduler spread the replicas onto the single-node process too").isNotEmpty();

        long killedAt = System.nanoTime();
        lone.kill();
        await("six Ready replicas on the surviving nodes").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100)).until(NodeFailureTest::recoveredOnSurvivors);
        Duration recovery = Duration.ofNanos(System.nanoTime() - killedAt);
        System.out.printf("node failure: %d Ready replicas on the surviving nodes %.1f s after the kill%n", 6,
                recovery.toMillis() / 1000.0);
        assertThat(recovery).isLessThanOrEqualTo(Duration.ofSeconds(30));

        String nodes = kubectl.run("get", "nodes", "--no-headers").assertOk().out();
        assertThat(nodes).containsPattern("(?m)^" + LONE + "\\s+NotReady\\s")
                .containsPattern("(?m)^pair-0\\s+Ready\\s").containsPattern("(?m)^pair-1\\s+Ready\\s");
        assertThat(kubectl.run("get", "node", LONE, "-o", "jsonpath={.spec.taints[*].key}").assertOk().out())
                .contains("node.kubernetes.io/unreachable");
        assertThat(kubectl.run("get", "node", LONE, "-o",
                "jsonpath={.status.conditions[?(@.type==\"Ready\")].message}").assertOk().out())
                .isEqualTo("Kubelet stopped posting node status.");
        assertThat(kubectl.run("get", "events", "-n", "failover", "--field-selector", "reason=TaintManagerEviction",
                "-o", "jsonpath={.items[*].message}").assertOk().out())
                .contains("Marking for deletion Pod failover/" + onLone.get(0));

        // No kubelet will confirm their stop: once their 30 s grace period is over they are force-deleted.
        await("the dead node's pods force-deleted").atMost(Duration.ofSeconds(60))
                .until(() -> webPods().stream().noneMatch(p -> LONE.equals(nodeOf(p))));
        assertThat(webPods()).hasSize(6);
    }
}
