package dev.j8s.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.j8s.client.KubeClient;
import dev.j8s.client.informer.ResourceEventHandler;
import dev.j8s.client.informer.SharedIndexInformer;
import dev.j8s.client.informer.SharedInformerFactory;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PodDisruptionBudgets on three hollow nodes, driven with kubectl: the disruption controller opens
 * exactly the disruptions a budget allows, {@code kubectl drain} evicts within them (a watch checks
 * that the Deployment never has fewer Ready pods than minAvailable), and an eviction beyond the
 * budget is refused with 429.
 */
class DisruptionBudgetTest extends ServerPerClass {

    static final String NS = "shop";
    static HollowProcess nodes;
    static KubeClient client;

    @BeforeAll
    static void threeNodes() throws Exception {
        nodes = HollowProcess.start(server.kubeconfig(), dir, "d-", 3, kubectl);
        client = KubeClient.fromKubeconfig(server.kubeconfig());
        kubectl.run("create", "namespace", NS).assertOk();
    }

    @AfterAll
    static void stopNodes() throws Exception {
        if (client != null) {
            client.close();
        }
        if (nodes != null) {
            nodes.close();
        }
    }

    @Test
    void drainEvictsWithinTheBudgetAndAnEvictionBeyondItIsRefused() throws Exception {
        // With one node cordoned the three pods share two nodes, so one node holds two of them and its
        // drain must wait for a replacement between its evictions.
        kubectl.run("cordon", "d-2").assertOk();
        kubectl.run("create", "deployment", "web", "-n", NS, "--image=echo:v1", "--replicas=3").assertOk();
        kubectl.run("rollout", "status", "deployment/web", "-n", NS, "--timeout=90s").assertOk();
        kubectl.run("uncordon", "d-2").assertOk();
        assertThat(nodesHoldingWeb().values()).containsExactly(2, 1);
        kubectl.run("create", "pdb", "web", "-n", NS, "--selector=app=web", "--min-available=2").assertOk();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(kubectl.run("get", "pdb", "web", "-n",
                NS).assertOk().out()).containsPattern("NAME\\s+MIN AVAILABLE\\s+MAX UNAVAILABLE\\s+ALLOWED DISRUPTIONS")
                .containsPattern("(?m)^web\\s+2\\s+N/A\\s+1\\s+"));
        assertThat(kubectl.run("describe", "pdb", "web", "-n", NS).assertOk().out())
                .containsPattern("Min available:\\s+2")
                .containsPattern("Selector:\\s+app=web")
                .containsPattern("Allowed disruptions:\\s+1")
                .containsPattern("Current:\\s+3")
                .containsPattern("Desired:\\s+2")
                .containsPattern("Total:\\s+3");

        List<Integer> readySeen = new CopyOnWriteArrayList<>();
        List<String> drainOutput = new ArrayList<>();
        try (SharedInformerFactory informers = new SharedInformerFactory(client)) {
            SharedIndexInformer<Pod> pods = informers.informerFor(Pod.class);
            pods.addEventHandler(new ResourceEventHandler<>() {
                @Override public void onAdd(Pod pod) { observe(pod); }
                @Override public void onUpdate(Pod oldPod, Pod newPod) { observe(newPod); }
                @Override public void onDelete(Pod pod) { observe(pod); }

                private void observe(Pod pod) {
                    if (isWeb(pod)) {
                        readySeen.add(readyWebPods(pods));
                    }
                }
            });
            informers.start();
            assertThat(informers.waitForCacheSync(Duration.ofSeconds(30))).isTrue();
            // The informer first replays the three pods as adds (counting 1, 2, 3): the drains are what is measured.
            await().atMost(Duration.ofSeconds(30)).until(() -> readySeen.size() >= 3);
            readySeen.clear();

            // Drain the nodes holding the pods, at most two so the pods still have a node to go to.
            for (String node : nodesHoldingWeb().keySet().stream().limit(2).toList()) {
                Kubectl.Result drain = kubectl.run("drain", node, "--ignore-daemonsets", "--delete-emptydir-data",
                        "--timeout=100s");
                drainOutput.add(drain.out() + drain.err());
                drain.assertOk();
                assertThat(drain.out()).contains("node/" + node + " drained");
                await().atMost(Duration.ofSeconds(60)).until(() -> readyWebPods(pods) == 3);
                assertThat(nodesHoldingWeb()).doesNotContainKey(node);
            }
        }
        assertThat(drainOutput.get(0)).as("the drain of the node with two pods waited for the budget")
                .contains("Cannot evict pod as it would violate the pod's disruption budget.");
        assertThat(readySeen).as("pod events observed during the drains").hasSizeGreaterThan(6);
        assertThat(readySeen).as("Ready web pods at every pod event during the drains (drain output: "
                + drainOutput + ")").allSatisfy(ready -> assertThat(ready).isGreaterThanOrEqualTo(2));

        // With one disruption allowed, a budget that now wants all three leaves none: evictions are refused.
        kubectl.run("patch", "pdb", "web", "-n", NS, "--type=merge", "-p", "{\"spec\":{\"minAvailable\":3}}")
                .assertOk();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(kubectl.run("get", "pdb", "web", "-n",
                NS, "--no-headers").assertOk().out()).containsPattern("^web\\s+3\\s+N/A\\s+0\\s+"));
        String pod = kubectl.run("get", "pods", "-n", NS, "-l", "app=web", "-o", "jsonpath={.items[0].metadata.name}")
                .assertOk().out();
        Kubectl.Result refused = kubectl.runWithInput("{\"apiVersion\":\"policy/v1\",\"kind\":\"Eviction\","
                + "\"metadata\":{\"name\":\"" + pod + "\",\"namespace\":\"" + NS + "\"}}", "create", "--raw",
                "/api/v1/namespaces/" + NS + "/pods/" + pod + "/eviction", "-f", "-");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("Error from server (TooManyRequests)")
                .contains("Cannot evict pod as it would violate the pod's disruption budget.");
        String lastNode = kubectl.run("get", "pod", pod, "-n", NS, "-o", "jsonpath={.spec.nodeName}").assertOk().out();
        Kubectl.Result blocked = kubectl.run("drain", lastNode, "--ignore-daemonsets", "--timeout=8s");
        assertThat(blocked.exitCode()).isEqualTo(1);
        assertThat(blocked.err()).contains("Cannot evict pod as it would violate the pod's disruption budget.");
        assertThat(kubectl.run("get", "pods", "-n", NS, "-l", "app=web", "--no-headers").assertOk().out().lines()
                .filter(l -> l.contains("Running")).count()).as("nothing was evicted").isEqualTo(3);
        assertThat(kubectl.run("describe", "pdb", "web", "-n", NS).assertOk().out())
                .containsPattern("Allowed disruptions:\\s+0");
    }

    private static boolean isWeb(Pod pod) {
        return NS.equals(pod.getMetadata().getNamespace()) && pod.getMetadata().getLabels() != null
                && "web".equals(pod.getMetadata().getLabels().get("app"));
    }

    /** Web pods not being deleted whose Ready condition is True. */
    private static int readyWebPods(SharedIndexInformer<Pod> pods) {
        return (int) pods.indexer().list().stream().filter(DisruptionBudgetTest::isWeb)
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                .filter(p -> p.getStatus() != null && p.getStatus().getConditions() != null
                        && p.getStatus().getConditions().stream()
                        .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True")))
                .count();
    }

    /** Node name → number of web pods on it, most loaded first. */
    private static Map<String, Integer> nodesHoldingWeb() {
        String out = kubectl.run("get", "pods", "-n", NS, "-l", "app=web", "-o",
                "jsonpath={range .items[*]}{.spec.nodeName}{\"\\n\"}{end}").assertOk().out();
        Map<String, Integer> counts = new LinkedHashMap<>();
        Arrays.stream(out.split("\n")).filter(s -> !s.isBlank()).forEach(n -> counts.merge(n, 1, Integer::sum));
        Map<String, Integer> sorted = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }
}
