package dev.j8s.controllers.statefulset;

import static dev.j8s.controllers.ControllerTestSupport.WAIT;
import static dev.j8s.controllers.ControllerTestSupport.activePods;
import static dev.j8s.controllers.ControllerTestSupport.image;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.j8s.client.KubeClient;
import dev.j8s.client.ListOptions;
import dev.j8s.client.PatchType;
import dev.j8s.client.ResourceClient;
import dev.j8s.client.informer.ListerWatcher;
import dev.j8s.client.informer.ResourceEventHandler;
import dev.j8s.client.informer.SharedIndexInformer;
import dev.j8s.client.ApiServerFixture;
import dev.j8s.controllers.ControllerManager;
import dev.j8s.controllers.ControllerTestSupport;
import dev.j8s.client.SharedApiServer;
import dev.j8s.controllers.TestKubelet;
import dev.j8s.controllers.framework.PodReadiness;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedApiServer.class)
class StatefulSetControllerTest {

    KubeClient client;
    ControllerManager manager;
    TestKubelet kubelet;
    ResourceClient<StatefulSet> sets;

    @BeforeAll
    void start(ApiServerFixture fixture) throws Exception {
        client = fixture.newClient();
        kubelet = new TestKubelet(client, null);
        manager = new ControllerManager(client);
        manager.start();
        sets = client.resources(StatefulSet.class);
    }

    @AfterAll
    void stop() {
        manager.close();
        kubelet.close();
    }

    private void create(String ns, String name, int replicas, String image) {
        PersistentVolumeClaim claim = new PersistentVolumeClaimBuilder().withNewMetadata().withName("www").endMetadata()
                .withNewSpec().withAccessModes("ReadWriteOnce").withNewResources()
                .addToRequests("storage", new Quantity("1Gi")).endResources().endSpec().build();
        sets.create(new StatefulSetBuilder().withNewMetadata().withName(name).withNamespace(ns).endMetadata()
                .withNewSpec().withReplicas(replicas).withServiceName(name).withNewSelector()
                .addToMatchLabels("app", name).endSelector()
                .withTemplate(ControllerTestSupport.template(Map.of("app", name), image))
                .withVolumeClaimTemplates(claim).endSpec().build());
    }

    /** What `kubectl rollout status statefulset` waits for. */
    private void awaitRolledOut(String ns, String name, int replicas) {
        await().ignoreExceptions().atMost(WAIT).untilAsserted(() -> {
            StatefulSet set = sets.get(ns, name);
            assertThat(set.getStatus().getObservedGeneration()).isEqualTo(set.getMetadata().getGeneration());
            assertThat(set.getStatus().getReplicas()).isEqualTo(replicas);
            assertThat(set.getStatus().getReadyReplicas()).isEqualTo(replicas);
            assertThat(set.getStatus().getUpdatedReplicas()).isEqualTo(replicas);
            assertThat(set.getStatus().getCurrentRevision()).isEqualTo(set.getStatus().getUpdateRevision());
            assertThat(activePods(client, ns)).hasSize(replicas);
        });
    }

    private List<String> podNames(String ns) {
        return activePods(client, ns).stream().map(p -> p.getMetadata().getName()).sorted().toList();
    }

    /** Records pod creations and deletions in watch order, with whether the lower ordinal was ready then. */
    private static final class OrderWatch implements ResourceEventHandler<Pod> {
        final Map<String, Pod> latest = new ConcurrentHashMap<>();
        final List<String> events = new CopyOnWriteArrayList<>();
        final List<String> violations = new CopyOnWriteArrayList<>();

        @Override
        public void onAdd(Pod pod) {
            String name = pod.getMetadata().getName();
            int ordinal = Integer.parseInt(name.substring(name.lastIndexOf('-') + 1));
            if (ordinal > 0) {
                Pod previous = latest.get(name.substring(0, name.lastIndexOf('-') + 1) + (ordinal - 1));
                if (previous == null || !PodReadiness.isReady(previous)) {
                    violations.add(name + " created before its predecessor was ready");
                }
            }
            latest.put(name, pod);
            events.add("add " + name);
        }

        @Override
        public void onUpdate(Pod oldPod, Pod newPod) {
            latest.put(newPod.getMetadata().getName(), newPod);
            if (oldPod.getMetadata().getDeletionTimestamp() == null && newPod.getMetadata().getDeletionTimestamp() != null) {
                events.add("delete " + newPod.getMetadata().getName());
            }
        }

        @Override
        public void onDelete(Pod pod) {
            // A pod no node runs is removed at once, with no graceful-deletion update before.
            Pod last = latest.remove(pod.getMetadata().getName());
            if (last != null && last.getMetadata().getDeletionTimestamp() == null) {
                events.add("delete " + pod.getMetadata().getName());
            }
        }

        List<String> deletions() {
            return events.stream().filter(e -> e.startsWith("delete")).toList();
        }
    }

    @Test
    void createsInOrderWithClaimsScalesDownFromTheTopAndRollsFromTheHighestOrdinal() throws Exception {
        String ns = ControllerTestSupport.namespace(client, "sts-web");
        OrderWatch watch = new OrderWatch();
        try (SharedIndexInformer<Pod> watcher = new SharedIndexInformer<>("sts-order-watch",
                ListerWatcher.of(client.resources(Pod.class), ns, null, null), SharedIndexInformer.Options.DEFAULTS)) {
            watcher.addEventHandler(watch);
            watcher.start();
            watcher.waitForSync(Duration.ofSeconds(20));

            create(ns, "web", 3, "nginx:1");
            awaitRolledOut(ns, "web", 3);
            assertThat(watch.events).containsExactly("add web-0", "add web-1", "add web-2");
            assertThat(watch.violations).isEmpty();

            List<PersistentVolumeClaim> claims = client.resources(PersistentVolumeClaim.class).list(ns, ListOptions.ALL)
                    .items();
            assertThat(claims).extracting(c -> c.getMetadata().getName())
                    .containsExactlyInAnyOrder("www-web-0", "www-web-1", "www-web-2");
            Pod web1 = client.resources(Pod.class).get(ns, "web-1");
            assertThat(web1.getMetadata().getLabels()).containsEntry("statefulset.kubernetes.io/pod-name", "web-1")
                    .containsEntry("apps.kubernetes.io/pod-index", "1").containsKey("controller-revision-hash");
            assertThat(web1.getSpec().getHostname()).isEqualTo("web-1");
            assertThat(web1.getSpec().getSubdomain()).isEqualTo("web");
            assertThat(web1.getSpec().getVolumes()).anySatisfy(v -> {
                assertThat(v.getName()).isEqualTo("www");
                assertThat(v.getPersistentVolumeClaim().getClaimName()).isEqualTo("www-web-1");
            });

            sets.patch(ns, "web", PatchType.MERGE, "{\"spec\":{\"replicas\":1}}");
            awaitRolledOut(ns, "web", 1);
            assertThat(podNames(ns)).containsExactly("web-0");
            assertThat(watch.deletions()).containsExactly("delete web-2", "delete web-1");
            assertThat(client.resources(PersistentVolumeClaim.class).list(ns, ListOptions.ALL).items())
                    .as("claims outlive their pods").hasSize(3);

            sets.patch(ns, "web", PatchType.MERGE, "{\"spec\":{\"replicas\":3}}");
            awaitRolledOut(ns, "web", 3);
            watch.events.clear();
            String before = sets.get(ns, "web").getStatus().getCurrentRevision();
            sets.patch(ns, "web", PatchType.STRATEGIC_MERGE,
                    "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"app\",\"image\":\"nginx:2\"}]}}}}");
            awaitRolledOut(ns, "web", 3);
            assertThat(activePods(client, ns)).allSatisfy(p -> assertThat(image(p)).isEqualTo("nginx:2"));
            assertThat(watch.deletions()).containsExactly("delete web-2", "delete web-1", "delete web-0");
            StatefulSet rolled = sets.get(ns, "web");
            assertThat(rolled.getStatus().getCurrentRevision()).isNotEqualTo(before)
                    .isEqualTo(rolled.getStatus().getUpdateRevision());
            assertThat(activePods(client, ns)).allSatisfy(p -> assertThat(p.getMetadata().getLabels())
                    .containsEntry("controller-revision-hash", rolled.getStatus().getUpdateRevision()));
        }
    }

    @Test
    void partitionKeepsLowerOrdinalsOnTheCurrentRevision() {
        String ns = ControllerTestSupport.namespace(client, "sts-partition");
        create(ns, "db", 3, "db:1");
        awaitRolledOut(ns, "db", 3);
        sets.patch(ns, "db", PatchType.MERGE, "{\"spec\":{\"updateStrategy\":{\"type\":\"RollingUpdate\","
                + "\"rollingUpdate\":{\"partition\":2}},\"template\":{\"spec\":{\"containers\":"
                + "[{\"name\":\"app\",\"image\":\"db:2\"}]}}}}");
        await().ignoreExceptions().atMost(WAIT).untilAsserted(() -> {
            StatefulSet set = sets.get(ns, "db");
            assertThat(set.getStatus().getUpdatedReplicas()).isEqualTo(1);
            assertThat(set.getStatus().getCurrentReplicas()).isEqualTo(2);
            assertThat(set.getStatus().getReadyReplicas()).isEqualTo(3);
        });
        Map<String, String> images = new java.util.TreeMap<>();
        activePods(client, ns).forEach(p -> images.put(p.getMetadata().getName(), image(p)));
        assertThat(images).isEqualTo(Map.of("db-0", "db:1", "db-1", "db:1", "db-2", "db:2"));
        assertThat(Set.copyOf(images.keySet())).hasSize(3);
    }
}
