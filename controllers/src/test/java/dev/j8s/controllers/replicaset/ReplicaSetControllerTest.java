package dev.j8s.controllers.replicaset;

import static dev.j8s.controllers.ControllerTestSupport.WAIT;
import static dev.j8s.controllers.ControllerTestSupport.activePods;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.j8s.client.KubeClient;
import dev.j8s.client.PatchType;
import dev.j8s.client.ResourceClient;
import dev.j8s.client.ApiServerFixture;
import dev.j8s.controllers.ControllerManager;
import dev.j8s.controllers.ControllerTestSupport;
import dev.j8s.client.SharedApiServer;
import dev.j8s.controllers.TestKubelet;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedApiServer.class)
class ReplicaSetControllerTest {

    KubeClient client;
    ControllerManager manager;
    TestKubelet kubelet;
    String ns;
    ResourceClient<ReplicaSet> replicaSets;

    @BeforeAll
    void start(ApiServerFixture fixture) throws Exception {
        client = fixture.newClient();
        ns = ControllerTestSupport.namespace(client, "rs-test");
        kubelet = new TestKubelet(client, ns);
        manager = new ControllerManager(client);
        manager.start();
        replicaSets = client.resources(ReplicaSet.class);
    }

    @AfterAll
    void stop() {
        manager.close();
        kubelet.close();
    }

    @Test
    void scalesUpAndDownWithGeneratedNamesOwnerReferencesAndStatus() {
        ReplicaSet rs = replicaSets.create(new ReplicaSetBuilder().withNewMetadata().withName("web").withNamespace(ns)
                .endMetadata().withNewSpec().withReplicas(3).withNewSelector().addToMatchLabels("app", "web")
                .endSelector().withTemplate(ControllerTestSupport.template(Map.of("app", "web"), "nginx:1"))
                .endSpec().build());

        await().ignoreExceptions().atMost(WAIT).untilAsserted(() -> {
            ReplicaSet current = replicaSets.get(ns, "web");
            assertThat(current.getStatus().getReplicas()).isEqualTo(3);
            assertThat(current.getStatus().getReadyReplicas()).isEqualTo(3);
            assertThat(current.getStatus().getAvailableReplicas()).isEqualTo(3);
            assertThat(current.getStatus().getFullyLabeledReplicas()).isEqualTo(3);
            assertThat(current.getStatus().getObservedGeneration()).isEqualTo(current.getMetadata().getGeneration());
        });
        List<Pod> pods = activePods(client, ns);
        assertThat(pods).hasSize(3).allSatisfy(p -> {
            assertThat(p.getMetadata().getName()).matches("web-[a-z0-9]{5}");
            assertThat(p.getMetadata().getOwnerReferences()).singleElement().satisfies(ref -> {
                assertThat(ref.getUid()).isEqualTo(rs.getMetadata().getUid());
                assertThat(ref.getController()).isTrue();
                assertThat(ref.getBlockOwnerDeletion()).isTrue();
                assertThat(ref.getKind()).isEqualTo("ReplicaSet");
            });
            assertThat(p.getStatus().getPodIP()).startsWith("10.42.");
        });

        replicaSets.patch(ns, "web", PatchType.MERGE, "{\"spec\":{\"replicas\":1}}");
        await().ignoreExceptions().atMost(WAIT).untilAsserted(() -> {
            assertThat(activePods(client, ns)).hasSize(1);
            assertThat(replicaSets.get(ns, "web").getStatus().getReplicas()).isEqualTo(1);
        });

        replicaSets.patch(ns, "web", PatchType.MERGE, "{\"spec\":{\"replicas\":5}}");
        await().ignoreExceptions().atMost(WAIT).untilAsserted(() -> {
            assertThat(activePods(client, ns)).hasSize(5);
            assertThat(replicaSets.get(ns, "web").getStatus().getAvailableReplicas()).isEqualTo(5);
        });
    }

    @Test
    void adoptsAMatchingOrphanInsteadOfCreatingAnotherPod() {
        Pod orphan = client.resources(Pod.class).create(new PodBuilder().withNewMetadata().withName("orphan")
                .withNamespace(ns).addToLabels("app", "adopt").endMetadata().withNewSpec().addNewContainer()
                .withName("app").withImage("nginx:1").endContainer().endSpec().build());
        ReplicaSet rs = replicaSets.create(new ReplicaSetBuilder().withNewMetadata().withName("adopter")
                .withNamespace(ns).endMetadata().withNewSpec().withReplicas(2).withNewSelector()
                .addToMatchLabels("app", "adopt").endSelector()
                .withTemplate(ControllerTestSupport.template(Map.of("app", "adopt"), "nginx:1")).endSpec().build());

        await().ignoreExceptions().atMost(WAIT).untilAsserted(() -> {
            List<Pod> pods = activePods(client, ns).stream()
                    .filter(p -> "adopt".equals(p.getMetadata().getLabels().get("app"))).toList();
            assertThat(pods).hasSize(2);
            assertThat(pods).allSatisfy(p -> assertThat(p.getMetadata().getOwnerReferences())
                    .anySatisfy(ref -> assertThat(ref.getUid()).isEqualTo(rs.getMetadata().getUid())));
            assertThat(pods).extracting(p -> p.getMetadata().getName()).contains(orphan.getMetadata().getName());
        });
    }
}
