package dev.j8s.controllers.disruption;

import static dev.j8s.controllers.ControllerTestSupport.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.j8s.client.ApiServerFixture;
import dev.j8s.client.ApiStatusException;
import dev.j8s.client.ClientJson;
import dev.j8s.client.KubeClient;
import dev.j8s.client.ListOptions;
import dev.j8s.client.PatchType;
import dev.j8s.client.ResourceClient;
import dev.j8s.client.SharedApiServer;
import dev.j8s.client.transport.TransportRequest;
import dev.j8s.client.transport.TransportResponse;
import dev.j8s.controllers.ControllerManager;
import dev.j8s.controllers.ControllerTestSupport;
import dev.j8s.controllers.TestKubelet;
import dev.j8s.controllers.framework.Timestamps;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.Eviction;
import io.fabric8.kubernetes.api.model.policy.v1.EvictionBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetStatus;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** The disruption controller against the real API server, with its eviction subresource. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedApiServer.class)
class DisruptionControllerTest {

    KubeClient client;
    ControllerManager manager;
    TestKubelet kubelet;
    String ns;
    ResourceClient<PodDisruptionBudget> budgets;
    ResourceClient<Pod> pods;

    @BeforeAll
    void start(ApiServerFixture fixture) throws Exception {
        client = fixture.newClient();
        ns = ControllerTestSupport.namespace(client, "pdb-test");
        kubelet = new TestKubelet(client, ns);
        manager = new ControllerManager(client, Clock.systemUTC(), 2);
        manager.start();
        budgets = client.resources(PodDisruptionBudget.class);
        pods = client.resources(Pod.class);
    }

    @AfterAll
    void stop() {
        manager.close();
        kubelet.close();
    }

    @Test
    void minAvailableOpensOneDisruptionWhichAnEvictionUsesUntilTheReplacementIsReady() {
        deployment("web", 3);
        budgets.create(budget("web").withNewSpec().withMinAvailable(new IntOrString(2)).withNewSelector()
                .addToMatchLabels("app", "web").endSelector().endSpec().build());
        await().ignoreExceptions().atMost(WAIT).untilAsserted(() -> {
            PodDisruptionBudgetStatus s = budgets.get(ns, "web").getStatus();
            assertThat(s.getExpectedPods()).isEqualTo(3);
            assertThat(s.getCurrentHealthy()).isEqualTo(3);
            assertThat(s.getDesiredHealthy()).isEqualTo(2);
            assertThat(s.getDisruptionsAllowed()).isEqualTo(1);
            assertThat(s.getObservedGeneration()).isEqualTo(1L);
            assertThat(s.getConditions()).singleElement().satisfies(c -> {
                assertThat(c.getType()).isEqualTo("DisruptionAllowed");
                assertThat(c.getStatus()).isEqualTo("True");
                assertThat(c.getReason()).isEqualTo("SufficientPods");
            });
        });

        List<Pod> running = live("web");
        evict(running.get(0));
        // The eviction took the one allowed disruption: the next one is refused until a replacement is Ready.
        assertThatThrownBy(() -> evict(running.get(1))).isInstanceOfSatisfying(ApiStatusException.class, e -> {
            assertThat(e.code()).isEqualTo(429);
            assertThat(e.status().getMessage())
                    .isEqualTo("Cannot evict pod as it would violate the pod's disruption budget.");
        });
        await().ignoreExceptions().atMost(WAIT).untilAsserted(() -> {
            PodDisruptionBudgetStatus s = budgets.get(ns, "web").getStatus();
            assertThat(s.getCurrentHealthy()).isEqualTo(3);
            assertThat(s.getDisruptionsAllowed()).isEqualTo(1);
            assertThat(s.getDisruptedPods()).as("the evicted pod is gone, so is its entry").isEmpty();
        });
        evict(live("web").get(1));
    }

    @Test
    void maxUnavailableFollowsTheDeploymentsScale() {
        deployment("api", 3);
        budgets.create(budget("api").withNewSpec().withMaxUnavailable(new IntOrString("34%"))
                .withNewSelector().addToMatchLabels("app", "api").endSelector().endSpec().build());
        awaitStatus("api", 3, 3, 1, 2);

        client.resources(Deployment.class).patch(ns, "api", PatchType.MERGE, "{\"spec\":{\"replicas\":5}}");
        // 34% of 5 rounds up to 2 unavailable.
        awaitStatus("api", 5, 5, 3, 2);
    }

    @Test
    void aControllerWithoutScaleFailsTheSyncSafely() {
        ConfigMap owner = client.resources(ConfigMap.class).create(new ConfigMapBuilder().withNewMetadata()
                .withName("not-a-controller").withNamespace(ns).endMetadata().build());
        pods.create(new PodBuilder().withNewMetadata().withName("odd").withNamespace(ns).addToLabels("app", "odd")
                .addNewOwnerReference().withApiVersion("v1").withKind("ConfigMap").withName("not-a-controller")
                .withUid(owner.getMetadata().getUid()).withController(true).endOwnerReference().endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage("nginx:1").endContainer().endSpec().build());
        budgets.create(budget("odd").withNewSpec().withMaxUnavailable(new IntOrString(1)).withNewSelector()
                .addToMatchLabels("app", "odd").endSelector().endSpec().build());
        await().ignoreExceptions().atMost(WAIT).untilAsserted(() -> {
            PodDisruptionBudgetStatus s = budgets.get(ns, "odd").getStatus();
            assertThat(s.getDisruptionsAllowed()).isZero();
            assertThat(s.getConditions()).singleElement().satisfies(c -> {
                assertThat(c.getStatus()).isEqualTo("False");
                assertThat(c.getReason()).isEqualTo("SyncFailed");
                assertThat(c.getMessage()).isEqualTo("configmaps does not implement the scale subresource");
            });
            assertThat(events("odd")).contains("CalculateExpectedPodCountFailed");
        });
        // With an integer minAvailable the pods themselves are counted and the budget recovers.
        budgets.patch(ns, "odd", PatchType.MERGE, "{\"spec\":{\"maxUnavailable\":null,\"minAvailable\":0}}");
        await().ignoreExceptions().atMost(WAIT).untilAsserted(() -> {
            PodDisruptionBudgetStatus s = budgets.get(ns, "odd").getStatus();
            assertThat(s.getObservedGeneration()).isEqualTo(2L);
            assertThat(s.getDisruptionsAllowed()).isEqualTo(1);
            assertThat(s.getConditions()).singleElement().satisfies(c -> assertThat(c.getReason())
                    .isEqualTo("SufficientPods"));
        });
    }

    @Test
    void customResourcesCountThroughTheirScaleSubresource() throws Exception {
        send("POST", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", """
                {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition",
                 "metadata":{"name":"pools.demo.j8s.dev"},
                 "spec":{"group":"demo.j8s.dev","scope":"Namespaced",
                  "names":{"plural":"pools","singular":"pool","kind":"Pool"},
                  "versions":[{"name":"v1","served":true,"storage":true,
                   "subresources":{"scale":{"specReplicasPath":".spec.size","statusReplicasPath":".status.ready"}},
                   "schema":{"openAPIV3Schema":{"type":"object","x-kubernetes-preserve-unknown-fields":true}}}]}}
                """);
        String poolUid = await().ignoreExceptions().atMost(WAIT).until(() -> ClientJson.MAPPER.readTree(
                send("POST", "/apis/demo.j8s.dev/v1/namespaces/" + ns + "/pools",
                        "{\"apiVersion\":\"demo.j8s.dev/v1\",\"kind\":\"Pool\",\"metadata\":{\"name\":\"p1\"},"
                                + "\"spec\":{\"size\":4}}")).at("/metadata/uid").asText(), uid -> !uid.isEmpty());
        pods.create(new PodBuilder().withNewMetadata().withName("pool-member").withNamespace(ns)
                .addToLabels("app", "pool").addNewOwnerReference().withApiVersion("demo.j8s.dev/v1").withKind("Pool")
                .withName("p1").withUid(poolUid).withController(true).endOwnerReference().endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage("nginx:1").endContainer().endSpec().build());
        budgets.create(budget("pool").withNewSpec().withMaxUnavailable(new IntOrString(1)).withNewSelector()
                .addToMatchLabels("app", "pool").endSelector().endSpec().build());
        awaitStatus("pool", 4, 1, 3, 0);
    }

    @Test
    void anEvictionWithoutDeletionStopsCountingAfterTheTimeout() {
        deployment("slow", 2);
        budgets.create(budget("slow").withNewSpec().withMinAvailable(new IntOrString(1)).withNewSelector()
                .addToMatchLabels("app", "slow").endSelector().endSpec().build());
        awaitStatus("slow", 2, 2, 1, 1);
        // As if an eviction was recorded 115 s ago and its delete never came: the pod stays out of
        // currentHealthy for 5 more seconds, then the entry is dropped with a NotDeleted event.
        String pod = live("slow").get(0).getMetadata().getName();
        String evictedAt = Timestamps.format(Instant.now().minus(HealthyPods.DELETION_TIMEOUT).plusSeconds(5));
        PodDisruptionBudget current = budgets.get(ns, "slow");
        current.getStatus().setDisruptedPods(Map.of(pod, evictedAt));
        current.getStatus().setDisruptionsAllowed(0);
        budgets.updateStatus(current);
        await().atMost(WAIT).untilAsserted(() -> {
            PodDisruptionBudgetStatus s = budgets.get(ns, "slow").getStatus();
            assertThat(s.getDisruptedPods()).containsKey(pod);
            assertThat(s.getCurrentHealthy()).isEqualTo(1);
            assertThat(s.getDisruptionsAllowed()).isZero();
        });
        Instant kept = Instant.now();
        await().atMost(WAIT).untilAsserted(() -> {
            PodDisruptionBudgetStatus s = budgets.get(ns, "slow").getStatus();
            assertThat(s.getDisruptedPods()).isEmpty();
            assertThat(s.getCurrentHealthy()).isEqualTo(2);
            assertThat(s.getDisruptionsAllowed()).isEqualTo(1);
        });
        assertThat(Duration.between(kept, Instant.now())).as("dropped by the recheck, not a 30 s resync")
                .isLessThan(Duration.ofSeconds(20));
        await().atMost(WAIT).untilAsserted(() -> assertThat(events(pod)).contains("NotDeleted"));
    }

    @Test
    void aDisruptionTargetConditionNoDeletionFollowedIsResetToFalse() {
        pods.create(new PodBuilder().withNewMetadata().withName("marked").withNamespace(ns)
                .addToLabels(TestKubelet.NEVER_READY, "true").endMetadata().withNewSpec().addNewContainer()
                .withName("app").withImage("nginx:1").endContainer().endSpec().build());
        Pod pod = pods.get(ns, "marked");
        String since = Timestamps.format(Instant.now().minus(StaleDisruptionTarget.STALE_TIMEOUT).plusSeconds(3));
        pod.getStatus().setPhase("Running");
        pod.getStatus().setConditions(List.of(new io.fabric8.kubernetes.api.model.PodConditionBuilder()
                .withType("DisruptionTarget").withStatus("True").withReason("EvictionByEvictionAPI")
                .withLastTransitionTime(since).build()));
        pods.updateStatus(pod);
        await().atMost(WAIT).untilAsserted(() -> assertThat(pods.get(ns, "marked").getStatus().getConditions())
                .anySatisfy(c -> {
                    assertThat(c.getType()).isEqualTo("DisruptionTarget");
                    assertThat(c.getStatus()).isEqualTo("False");
                }));
    }

    private void awaitStatus(String name, int expected, int healthy, int desired, int allowed) {
        await().ignoreExceptions().atMost(WAIT).untilAsserted(() -> {
            PodDisruptionBudgetStatus s = budgets.get(ns, name).getStatus();
            assertThat(List.of(s.getExpectedPods(), s.getCurrentHealthy(), s.getDesiredHealthy(),
                    s.getDisruptionsAllowed())).as("expected, healthy, desired, allowed")
                    .isEqualTo(List.of(expected, healthy, desired, allowed));
        });
    }

    private void deployment(String name, int replicas) {
        client.resources(Deployment.class).create(new DeploymentBuilder().withNewMetadata().withName(name)
                .withNamespace(ns).endMetadata().withNewSpec().withReplicas(replicas).withNewSelector()
                .addToMatchLabels("app", name).endSelector()
                .withTemplate(ControllerTestSupport.template(Map.of("app", name), "nginx:1")).endSpec().build());
    }

    private PodDisruptionBudgetBuilder budget(String name) {
        return new PodDisruptionBudgetBuilder().withNewMetadata().withName(name).withNamespace(ns).endMetadata();
    }

    private List<Pod> live(String app) {
        return pods.list(ns, ListOptions.ALL).items().stream()
                .filter(p -> app.equals(p.getMetadata().getLabels().get("app")))
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null).toList();
    }

    private void evict(Pod pod) {
        Eviction eviction = new EvictionBuilder().withNewMetadata().withName(pod.getMetadata().getName())
                .withNamespace(ns).endMetadata().build();
        pods.createSubresource(ns, pod.getMetadata().getName(), "eviction", eviction, Status.class);
    }

    private List<String> events(String involvedName) {
        return client.resources(Event.class).list(ns, ListOptions.ALL).items().stream()
                .filter(e -> involvedName.equals(e.getInvolvedObject().getName())).map(Event::getReason).toList();
    }

    private String send(String method, String path, String body) throws Exception {
        TransportResponse response = client.transport().send(new TransportRequest(method, path, "application/json",
                body.getBytes(StandardCharsets.UTF_8)));
        String text = new String(response.body(), StandardCharsets.UTF_8);
        if (!response.isSuccess()) {
            throw new AssertionError(method + " " + path + " → " + response.status() + ": " + text);
        }
        return text;
    }
}
