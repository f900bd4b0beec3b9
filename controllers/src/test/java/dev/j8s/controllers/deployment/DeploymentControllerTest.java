package dev.j8s.controllers.deployment;

import static dev.j8s.controllers.ControllerTestSupport.WAIT;
import static dev.j8s.controllers.ControllerTestSupport.activePods;
import static dev.j8s.controllers.ControllerTestSupport.image;
import static dev.j8s.controllers.ControllerTestSupport.replicaSets;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.j8s.api.Json;
import dev.j8s.client.KubeClient;
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
import dev.j8s.controllers.framework.Copies;
import dev.j8s.controllers.framework.PodReadiness;
import dev.j8s.controllers.framework.PodTemplateHash;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.Comparator;
import java.util.HashMap;
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
class DeploymentControllerTest {

    private static final String REVISION = "deployment.kubernetes.io/revision";

    KubeClient client;
    ControllerManager manager;
    TestKubelet kubelet;
    ResourceClient<Deployment> deployments;

    @BeforeAll
    void start(ApiServerFixture fixture) throws Exception {
        client = fixture.newClient();
        kubelet = new TestKubelet(client, null);
        manager = new ControllerManager(client);
        manager.start();
        deployments = client.resources(Deployment.class);
    }

    @AfterAll
    void stop() {
        manager.close();
        kubelet.close();
    }

    private Deployment create(String ns, String name, int replicas, String image, int maxSurge, int maxUnavailable) {
        return deployments.create(new DeploymentBuilder().withNewMetadata().withName(name).withNamespace(ns)
                .endMetadata().withNewSpec().withReplicas(replicas).withNewSelector().addToMatchLabels("app", name)
                .endSelector().withTemplate(ControllerTestSupport.template(Map.of("app", name), image))
                .withNewStrategy().withType("RollingUpdate").withNewRollingUpdate()
                .withMaxSurge(new IntOrString(maxSurge)).withMaxUnavailable(new IntOrString(maxUnavailable))
                .endRollingUpdate().endStrategy().endSpec().build());
    }

    private void setImage(String ns, String name, String image) {
        deployments.patch(ns, name, PatchType.STRATEGIC_MERGE, "{\"spec\":{\"template\":{\"spec\":{\"containers\":"
                + "[{\"name\":\"app\",\"image\":\"" + image + "\"}]}}}}");
    }

    /** What `kubectl rollout status` checks, plus every active pod running {@code image}. */
    private void awaitRolledOut(String ns, String name, String image) {
        await().ignoreExceptions().atMost(WAIT).untilAsserted(() -> {
            Deployment d = deployments.get(ns, name);
            int replicas = d.getSpec().getReplicas();
            assertThat(d.getStatus().getObservedGeneration()).isEqualTo(d.getMetadata().getGeneration());
            assertThat(d.getStatus().getUpdatedReplicas()).isEqualTo(replicas);
            assertThat(d.getStatus().getReplicas()).isEqualTo(replicas);
            assertThat(d.getStatus().getAvailableReplicas()).isEqualTo(replicas);
            assertThat(condition(d, "Progressing").getReason()).isEqualTo("NewReplicaSetAvailable");
            assertThat(condition(d, "Available").getReason()).isEqualTo("MinimumReplicasAvailable");
            List<Pod> pods = ownPods(ns, name);
            assertThat(pods).hasSize(replicas).allSatisfy(p -> assertThat(image(p)).isEqualTo(image));
        });
    }

    private List<Pod> ownPods(String ns, String name) {
        return activePods(client, ns).stream().filter(p -> name.equals(p.getMetadata().getLabels().get("app"))).toList();
    }

    private static DeploymentCondition condition(Deployment d, String type) {
        return d.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst().orElseThrow();
    }

    private static long revision(ReplicaSet rs) {
        return Long.parseLong(rs.getMetadata().getAnnotations().get(REVISION));
    }

    @Test
    void rollingUpdateStaysWithinSurgeAndUnavailabilityAtEveryObservedMoment() throws Exception {
        String ns = ControllerTestSupport.namespace(client, "rolling");
        create(ns, "web", 4, "app:v1", 1, 1);
        awaitRolledOut(ns, "web", "app:v1");

        Map<String, Pod> seen = new ConcurrentHashMap<>();
        List<String> violations = new CopyOnWriteArrayList<>();
        int[] extremes = {0, Integer.MAX_VALUE};
        // The initial list arrives one add at a time: judge only once all 4 v1 pods were seen ready.
        boolean[] armed = {false};
        try (SharedIndexInformer<Pod> watcher = new SharedIndexInformer<>("rollout-watch",
                ListerWatcher.of(client.resources(Pod.class), ns, null, null), SharedIndexInformer.Options.DEFAULTS)) {
            watcher.addEventHandler(new ResourceEventHandler<>() {
                @Override
                public void onAdd(Pod pod) {
                    observe(pod, false);
                }

                @Override
                public void onUpdate(Pod oldPod, Pod newPod) {
                    observe(newPod, false);
                }

                @Override
                public void onDelete(Pod pod) {
                    observe(pod, true);
                }

                private void observe(Pod pod, boolean gone) {
                    if (gone || pod.getMetadata().getDeletionTimestamp() != null) {
                        seen.remove(pod.getMetadata().getName());
                    } else {
                        seen.put(pod.getMetadata().getName(), pod);
                    }
                    int total = seen.size();
                    int available = (int) seen.values().stream().filter(PodReadiness::isReady).count();
                    armed[0] |= available == 4;
                    if (!armed[0]) {
                        return;
                    }
                    extremes[0] = Math.max(extremes[0], total);
                    extremes[1] = Math.min(extremes[1], available);
                    if (total > 4 + 1 || available < 4 - 1) {
                        violations.add("pods=" + total + " available=" + available + " after " + pod.getMetadata().getName());
                    }
                }
            });
            watcher.start();
            assertThat(watcher.waitForSync(WAIT)).isTrue();

            setImage(ns, "web", "app:v2");
            awaitRolledOut(ns, "web", "app:v2");
        }
        assertThat(violations).isEmpty();
        assertThat(extremes[0]).as("the rollout surged").isGreaterThan(4);
        assertThat(extremes[1]).isGreaterThanOrEqualTo(3);

        List<ReplicaSet> sets = replicaSets(client, ns);
        assertThat(sets).hasSize(2);
        Deployment d = deployments.get(ns, "web");
        assertThat(d.getMetadata().getAnnotations()).containsEntry(REVISION, "2");
        for (ReplicaSet rs : sets) {
            String hash = rs.getMetadata().getLabels().get(PodTemplateHash.LABEL);
            assertThat(rs.getMetadata().getName()).isEqualTo("web-" + hash);
            assertThat(rs.getSpec().getSelector().getMatchLabels()).containsEntry(PodTemplateHash.LABEL, hash);
            assertThat(rs.getSpec().getTemplate().getMetadata().getLabels()).containsEntry(PodTemplateHash.LABEL, hash);
            assertThat(rs.getMetadata().getAnnotations()).containsEntry("deployment.kubernetes.io/desired-replicas", "4")
                    .containsEntry("deployment.kubernetes.io/max-replicas", "5");
        }
        ReplicaSet old = sets.stream().min(Comparator.comparingLong(DeploymentControllerTest::revision)).orElseThrow();
        assertThat(revision(old)).isEqualTo(1);
        assertThat(old.getSpec().getReplicas()).isZero();
    }

    @Test
    void rolloutUndoAsKubectlDoesItReusesTheOldReplicaSetUnderANewRevision() {
        String ns = ControllerTestSupport.namespace(client, "undo");
        create(ns, "api", 2, "api:v1", 1, 0);
        awaitRolledOut(ns, "api", "api:v1");
        setImage(ns, "api", "api:v2");
        awaitRolledOut(ns, "api", "api:v2");
        ReplicaSet first = replicaSets(client, ns).stream().filter(rs -> revision(rs) == 1).findFirst().orElseThrow();

        undoToPreviousRevision(ns, "api");

        awaitRolledOut(ns, "api", "api:v1");
        await().ignoreExceptions().atMost(WAIT).untilAsserted(() -> {
            assertThat(deployments.get(ns, "api").getMetadata().getAnnotations()).containsEntry(REVISION, "3");
            List<ReplicaSet> sets = replicaSets(client, ns);
            assertThat(sets).hasSize(2);
            ReplicaSet reused = sets.stream().filter(rs -> rs.getMetadata().getUid()
                    .equals(first.getMetadata().getUid())).findFirst().orElseThrow();
            assertThat(reused.getMetadata().getAnnotations()).containsEntry(REVISION, "3")
                    .containsEntry("deployment.kubernetes.io/revision-history", "1");
            assertThat(reused.getSpec().getReplicas()).isEqualTo(2);
        });
        assertThat(ownPods(ns, "api")).allSatisfy(p -> assertThat(p.getMetadata().getName())
                .startsWith(first.getMetadata().getName() + "-"));
    }

    /**
     * kubectl 1.32's DeploymentRollbacker: the previous revision's template without its
     * pod-template-hash label, and the Deployment's annotations merged with that ReplicaSet's,
     * sent as one JSON patch.
     */
    private void undoToPreviousRevision(String ns, String name) {
        Deployment d = deployments.get(ns, name);
        ReplicaSet previous = replicaSets(client, ns).stream()
                .sorted(Comparator.comparingLong(DeploymentControllerTest::revision).reversed())
                .skip(1).findFirst().orElseThrow();
        PodTemplateSpec template = Copies.deepCopy(previous.getSpec().getTemplate());
        template.getMetadata().getLabels().remove(PodTemplateHash.LABEL);
        Map<String, String> annotations = new HashMap<>(d.getMetadata().getAnnotations());
        Set<String> skipped = Set.of("kubectl.kubernetes.io/last-applied-configuration", REVISION,
                "deployment.kubernetes.io/revision-history", "deployment.kubernetes.io/desired-replicas",
                "deployment.kubernetes.io/max-replicas", "deprecated.deployment.rollback.to");
        previous.getMetadata().getAnnotations().forEach((k, v) -> {
            if (!skipped.contains(k)) {
                annotations.put(k, v);
            }
        });
        ArrayNode patch = Json.MAPPER.createArrayNode();
        patch.addObject().put("op", "replace").put("path", "/spec/template").set("value",
                Json.MAPPER.valueToTree(template));
        patch.addObject().put("op", "replace").put("path", "/metadata/annotations").set("value",
                Json.MAPPER.valueToTree(annotations));
        deployments.patch(ns, name, PatchType.JSON, Json.string(patch));
    }

    @Test
    void aPausedDeploymentDoesNotRollUntilResumed() {
        String ns = ControllerTestSupport.namespace(client, "paused");
        create(ns, "svc", 2, "svc:v1", 1, 0);
        awaitRolledOut(ns, "svc", "svc:v1");
        deployments.patch(ns, "svc", PatchType.MERGE, "{\"spec\":{\"paused\":true}}");
        setImage(ns, "svc", "svc:v2");

        await().ignoreExceptions().atMost(WAIT).untilAsserted(() -> {
            Deployment d = deployments.get(ns, "svc");
            assertThat(d.getStatus().getObservedGeneration()).isEqualTo(d.getMetadata().getGeneration());
            assertThat(condition(d, "Progressing").getReason()).isEqualTo("DeploymentPaused");
        });
        assertThat(replicaSets(client, ns)).hasSize(1);
        assertThat(ownPods(ns, "svc")).hasSize(2).allSatisfy(p -> assertThat(image(p)).isEqualTo("svc:v1"));

        deployments.patch(ns, "svc", PatchType.MERGE, "{\"spec\":{\"paused\":false}}");
        awaitRolledOut(ns, "svc", "svc:v2");
        assertThat(replicaSets(client, ns)).hasSize(2);
    }

    @Test
    void revisionHistoryLimitTrimsTheOldestReplicaSetsAndRestartMakesANewOne() {
        String ns = ControllerTestSupport.namespace(client, "history");
        create(ns, "job", 1, "job:v1", 1, 0);
        deployments.patch(ns, "job", PatchType.MERGE, "{\"spec\":{\"revisionHistoryLimit\":1}}");
        awaitRolledOut(ns, "job", "job:v1");
        setImage(ns, "job", "job:v2");
        awaitRolledOut(ns, "job", "job:v2");
        setImage(ns, "job", "job:v3");
        awaitRolledOut(ns, "job", "job:v3");
        // kubectl rollout restart: a template annotation change is a new template.
        deployments.patch(ns, "job", PatchType.STRATEGIC_MERGE, "{\"spec\":{\"template\":{\"metadata\":"
                + "{\"annotations\":{\"kubectl.kubernetes.io/restartedAt\":\"2025-01-01T00:00:00Z\"}}}}}");
        await().ignoreExceptions().atMost(WAIT).untilAsserted(() -> {
            List<ReplicaSet> sets = replicaSets(client, ns);
            assertThat(sets).extracting(DeploymentControllerTest::revision).containsExactlyInAnyOrder(3L, 4L);
            assertThat(deployments.get(ns, "job").getMetadata().getAnnotations()).containsEntry(REVISION, "4");
        });
        awaitRolledOut(ns, "job", "job:v3");
    }

    @Test
    void deletingADeploymentCascadesToItsReplicaSetsAndPods() {
        String ns = ControllerTestSupport.namespace(client, "cascade");
        create(ns, "gone", 3, "gone:v1", 1, 0);
        awaitRolledOut(ns, "gone", "gone:v1");
        assertThat(replicaSets(client, ns)).hasSize(1);

        deployments.delete(ns, "gone", null);

        await().ignoreExceptions().atMost(WAIT).untilAsserted(() -> {
            assertThat(replicaSets(client, ns)).isEmpty();
            assertThat(activePods(client, ns)).isEmpty();
        });
    }

    @Test
    void aRolloutWithoutProgressExceedsItsDeadline() {
        String ns = ControllerTestSupport.namespace(client, "deadline");
        deployments.create(new DeploymentBuilder().withNewMetadata().withName("stuck").withNamespace(ns).endMetadata()
                .withNewSpec().withReplicas(1).withProgressDeadlineSeconds(1).withNewSelector()
                .addToMatchLabels("app", "stuck").endSelector()
                .withTemplate(ControllerTestSupport.template(Map.of("app", "stuck", TestKubelet.NEVER_READY, "true"),
                        "stuck:v1")).endSpec().build());

        await().ignoreExceptions().atMost(WAIT).untilAsserted(() -> {
            DeploymentCondition progressing = condition(deployments.get(ns, "stuck"), "Progressing");
            assertThat(progressing.getStatus()).isEqualTo("False");
            assertThat(progressing.getReason()).isEqualTo("ProgressDeadlineExceeded");
            assertThat(progressing.getMessage()).matches("ReplicaSet \"stuck-[a-z0-9]+\" has timed out progressing.");
        });
        assertThat(condition(deployments.get(ns, "stuck"), "Available").getStatus()).isEqualTo("False");
    }
}
