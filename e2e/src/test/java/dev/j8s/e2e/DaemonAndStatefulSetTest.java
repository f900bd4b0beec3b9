package dev.j8s.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.j8s.client.KubeClient;
import dev.j8s.client.informer.ResourceEventHandler;
import dev.j8s.client.informer.SharedIndexInformer;
import dev.j8s.client.informer.SharedInformerFactory;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The DaemonSet and StatefulSet controllers with the scheduler and hollow nodes, driven with
 * kubectl: a DaemonSet runs on every node, a node added later included; a StatefulSet's pods
 * are created in ordinal order, each once the previous one is Running and Ready.
 */
class DaemonAndStatefulSetTest extends ServerPerClass {

    static HollowProcess nodes;
    static HollowProcess laterNode;
    static KubeClient client;

    @BeforeAll
    static void threeNodes() throws Exception {
        nodes = HollowProcess.start(server.kubeconfig(), dir, "d-", 3, kubectl);
        client = KubeClient.fromKubeconfig(server.kubeconfig());
        kubectl.run("create", "namespace", "sets").assertOk();
    }

    @AfterAll
    static void stopNodes() throws Exception {
        if (client != null) {
            client.close();
        }
        if (laterNode != null) {
            laterNode.close();
        }
        if (nodes != null) {
            nodes.close();
        }
    }

    private static Set<String> readyNodes() {
        return new TreeSet<>(Arrays.stream(kubectl.run("get", "nodes", "--no-headers").assertOk().out().split("\n"))
                .map(line -> line.trim().split("\\s+")).filter(cols -> cols.length >= 2 && cols[1].equals("Ready"))
                .map(cols -> cols[0]).toList());
    }

    /** node name of every Running pod of the DaemonSet. */
    private static Set<String> daemonNodes() {
        String out = kubectl.run("get", "pods", "-n", "sets", "-l", "app=agent", "--field-selector=status.phase=Running",
                "-o", "jsonpath={range .items[*]}{.spec.nodeName}{\"\\n\"}{end}").assertOk().out();
        return out.isBlank() ? Set.of() : new TreeSet<>(List.of(out.trim().split("\n")));
    }

    @Test
    void daemonSetRunsOnEveryNodeIncludingOneAddedLater() throws Exception {
        kubectl.runWithInput("""
                apiVersion: apps/v1
                kind: DaemonSet
                metadata: {name: agent, namespace: sets}
                spec:
                  selector: {matchLabels: {app: agent}}
                  template:
                    metadata: {labels: {app: agent}}
                    spec:
                      containers: [{name: agent, image: agent:v1}]
                """, "apply", "-f", "-").assertOk();
        kubectl.run("rollout", "status", "daemonset/agent", "-n", "sets", "--timeout=90s").assertOk();
        assertThat(daemonNodes()).isEqualTo(readyNodes()).hasSizeGreaterThanOrEqualTo(3);

        laterNode = HollowProcess.start(server.kubeconfig(), dir, "late-", 1, kubectl);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(daemonNodes()).isEqualTo(readyNodes()).contains("late-0"));
        kubectl.run("rollout", "status", "daemonset/agent", "-n", "sets", "--timeout=90s").assertOk();

        kubectl.run("set", "image", "daemonset/agent", "-n", "sets", "agent=agent:v2").assertOk();
        kubectl.run("rollout", "status", "daemonset/agent", "-n", "sets", "--timeout=120s").assertOk();
        assertThat(kubectl.run("rollout", "history", "daemonset/agent", "-n", "sets").assertOk().out())
                .containsPattern("(?m)^1\\s").containsPattern("(?m)^2\\s");
    }

    @Test
    void statefulSetPodsBecomeRunningInOrdinalOrder() throws Exception {
        Map<String, Pod> latest = new ConcurrentHashMap<>();
        List<String> adds = new CopyOnWriteArrayList<>();
        List<String> violations = new CopyOnWriteArrayList<>();
        try (SharedInformerFactory informers = new SharedInformerFactory(client)) {
            SharedIndexInformer<Pod> pods = informers.informerFor(Pod.class);
            pods.addEventHandler(new ResourceEventHandler<>() {
                @Override
                public void onAdd(Pod pod) {
                    String name = pod.getMetadata().getName();
                    if (!"sets".equals(pod.getMetadata().getNamespace()) || !name.startsWith("web-")) {
                        return;
                    }
                    int ordinal = Integer.parseInt(name.substring(4));
                    Pod previous = latest.get("web-" + (ordinal - 1));
                    if (ordinal > 0 && (previous == null || !runningAndReady(previous))) {
                        violations.add(name + " created before web-" + (ordinal - 1) + " was Running and Ready");
                    }
                    adds.add(name);
                    latest.put(name, pod);
                }

                @Override
                public void onUpdate(Pod oldPod, Pod newPod) {
                    latest.put(newPod.getMetadata().getName(), newPod);
                }
            });
            informers.start();
            assertThat(informers.waitForCacheSync(Duration.ofSeconds(30))).isTrue();

            kubectl.runWithInput("""
                    apiVersion: apps/v1
                    kind: StatefulSet
                    metadata: {name: web, namespace: sets}
                    spec:
                      serviceName: web
                      replicas: 3
                      selector: {matchLabels: {app: web}}
                      template:
                        metadata: {labels: {app: web}}
                        spec:
                          containers: [{name: web, image: web:v1}]
                      volumeClaimTemplates:
                      - metadata: {name: data}
                        spec:
                          accessModes: [ReadWriteOnce]
                          resources: {requests: {storage: 1Gi}}
                    """, "apply", "-f", "-").assertOk();
            kubectl.run("rollout", "status", "statefulset/web", "-n", "sets", "--timeout=120s").assertOk();
        }
        assertThat(adds).containsExactly("web-0", "web-1", "web-2");
        assertThat(violations).isEmpty();
        assertThat(kubectl.run("get", "pvc", "-n", "sets", "-o", "name").assertOk().out())
                .contains("data-web-0", "data-web-1", "data-web-2");
        assertThat(kubectl.run("get", "pods", "-n", "sets", "-l", "app=web", "--no-headers").assertOk().out())
                .containsPattern("(?m)^web-0\\s+1/1\\s+Running").containsPattern("(?m)^web-2\\s+1/1\\s+Running");
    }

    private static boolean runningAndReady(Pod pod) {
        return pod.getStatus() != null && "Running".equals(pod.getStatus().getPhase())
                && pod.getStatus().getConditions() != null && pod.getStatus().getConditions().stream()
                .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
    }
}
