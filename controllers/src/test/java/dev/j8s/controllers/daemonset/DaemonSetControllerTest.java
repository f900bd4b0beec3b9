package dev.j8s.controllers.daemonset;

import static dev.j8s.controllers.ControllerTestSupport.WAIT;
import static dev.j8s.controllers.ControllerTestSupport.activePods;
import static dev.j8s.controllers.ControllerTestSupport.image;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.j8s.client.KubeClient;
import dev.j8s.client.ListOptions;
import dev.j8s.client.PatchType;
import dev.j8s.client.ResourceClient;
import dev.j8s.client.ApiServerFixture;
import dev.j8s.controllers.ControllerManager;
import dev.j8s.controllers.ControllerTestSupport;
import dev.j8s.client.SharedApiServer;
import dev.j8s.controllers.TestKubelet;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The DaemonSet controller against the real API server. Nodes are cluster-wide and the server is
 * shared, so each test labels its own nodes with a pool and selects that pool.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedApiServer.class)
class DaemonSetControllerTest {

    KubeClient client;
    ControllerManager manager;
    TestKubelet kubelet;
    ResourceClient<DaemonSet> daemonSets;
    ResourceClient<Node> nodes;
    final List<String> createdNodes = new ArrayList<>();

    @BeforeAll
    void start(ApiServerFixture fixture) throws Exception {
        client = fixture.newClient();
        kubelet = new TestKubelet(client, null);
        manager = new ControllerManager(client);
        manager.start();
        daemonSets = client.resources(DaemonSet.class);
        nodes = client.resources(Node.class);
    }

    @AfterEach
    void deleteNodes() {
        createdNodes.forEach(n -> nodes.delete(null, n, null));
        createdNodes.clear();
    }

    @AfterAll
    void stop() {
        manager.close();
        kubelet.close();
    }

    private void node(String name, Map<String, String> labels) {
        nodes.create(new NodeBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata().build());
        createdNodes.add(name);
    }

    private void create(String ns, String name, Map<String, String> nodeSelector, String image) {
        var template = ControllerTestSupport.template(Map.of("app", name), image);
        template.getSpec().setNodeSelector(nodeSelector);
        daemonSets.create(new DaemonSetBuilder().withNewMetadata().withName(name).withNamespace(ns).endMetadata()
                .withNewSpec().withNewSelector().addToMatchLabels("app", name).endSelector().withTemplate(template)
                .endSpec().build());
    }

    /** The node each active pod of the namespace targets. */
    private List<String> targets(String ns) {
        return activePods(client, ns).stream().map(p -> DaemonPods.targetNode(p).orElse("?")).sorted().toList();
    }

    /** What `kubectl rollout status daemonset` waits for. */
    private void awaitRolledOut(String ns, String name, int desired) {
        await().ignoreExceptions().atMost(WAIT).untilAsserted(() -> {
            DaemonSet ds = daemonSets.get(ns, name);
            assertThat(ds.getStatus().getObservedGeneration()).isEqualTo(ds.getMetadata().getGeneration());
            assertThat(ds.getStatus().getDesiredNumberScheduled()).isEqualTo(desired);
            assertThat(ds.getStatus().getCurrentNumberScheduled()).isEqualTo(desired);
            assertThat(ds.getStatus().getUpdatedNumberScheduled()).isEqualTo(desired);
            assertThat(ds.getStatus().getNumberAvailable()).isEqualTo(desired);
            assertThat(ds.getStatus().getNumberReady()).isEqualTo(desired);
            assertThat(ds.getStatus().getNumberMisscheduled()).isZero();
        });
    }

    @Test
    void runsOnePodOnEveryNodeAndOnANodeLabelledLater() {
        String ns = ControllerTestSupport.namespace(client, "ds-every");
        Map<String, String> pool = Map.of("pool", "every");
        node("every-1", pool);
        node("every-2", pool);
        node("every-3", pool);
        node("every-4", Map.of());
        create(ns, "agent", pool, "agent:v1");

        awaitRolledOut(ns, "agent", 3);
        assertThat(targets(ns)).containsExactly("every-1", "every-2", "every-3");

        nodes.patch(null, "every-4", PatchType.MERGE, "{\"metadata\":{\"labels\":{\"pool\":\"every\"}}}");
        awaitRolledOut(ns, "agent", 4);
        assertThat(targets(ns)).containsExactly("every-1", "every-2", "every-3", "every-4");

        // A node that stops matching loses its pod.
        nodes.patch(null, "every-2", PatchType.MERGE, "{\"metadata\":{\"labels\":{\"pool\":null}}}");
        awaitRolledOut(ns, "agent", 3);
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(targets(ns)).containsExactly("every-1", "every-3", "every-4"));
    }

    @Test
    void skipsNodesTheSelectorDoesNotMatch() {
        String ns = ControllerTestSupport.namespace(client, "ds-selector");
        node("sel-ssd", Map.of("pool", "sel", "disk", "ssd"));
        node("sel-hdd", Map.of("pool", "sel", "disk", "hdd"));
        create(ns, "cache", Map.of("pool", "sel", "disk", "ssd"), "cache:v1");

        awaitRolledOut(ns, "cache", 1);
        assertThat(targets(ns)).containsExactly("sel-ssd");
        Pod pod = activePods(client, ns).get(0);
        assertThat(pod.getMetadata().getLabels()).containsKey("controller-revision-hash");
        assertThat(pod.getSpec().getNodeName()).as("bound by the scheduler, not the controller").isNull();
    }

    @Test
    void anImageUpdateRollsNodeByNodeAndRecordsRevisions() {
        String ns = ControllerTestSupport.namespace(client, "ds-roll");
        Map<String, String> pool = Map.of("pool", "roll");
        node("roll-1", pool);
        node("roll-2", pool);
        node("roll-3", pool);
        create(ns, "agent", pool, "agent:v1");
        awaitRolledOut(ns, "agent", 3);

        daemonSets.patch(ns, "agent", PatchType.STRATEGIC_MERGE,
                "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"app\",\"image\":\"agent:v2\"}]}}}}");
        awaitRolledOut(ns, "agent", 3);
        await().atMost(WAIT).untilAsserted(() -> assertThat(activePods(client, ns)).hasSize(3)
                .allSatisfy(p -> assertThat(image(p)).isEqualTo("agent:v2")));

        List<ControllerRevision> revisions = client.resources(ControllerRevision.class).list(ns, ListOptions.ALL).items();
        assertThat(revisions).extracting(ControllerRevision::getRevision).containsExactlyInAnyOrder(1L, 2L);
        Optional<ControllerRevision> latest = revisions.stream().filter(r -> r.getRevision() == 2L).findFirst();
        String hash = latest.orElseThrow().getMetadata().getLabels().get("controller-revision-hash");
        assertThat(activePods(client, ns)).allSatisfy(p ->
                assertThat(p.getMetadata().getLabels()).containsEntry("controller-revision-hash", hash));
        assertThat(latest.get().getData().toString()).contains("agent:v2").contains("$patch=replace");
    }
}
