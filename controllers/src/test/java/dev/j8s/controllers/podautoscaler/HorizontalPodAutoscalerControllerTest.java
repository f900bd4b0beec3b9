package dev.j8s.controllers.podautoscaler;

import static dev.j8s.controllers.ControllerTestSupport.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.j8s.api.metrics.NodeMetricsReport;
import dev.j8s.client.ApiServerFixture;
import dev.j8s.client.KubeClient;
import dev.j8s.client.ResourceClient;
import dev.j8s.client.SharedApiServer;
import dev.j8s.controllers.ControllerManager;
import dev.j8s.controllers.ControllerTestSupport;
import dev.j8s.controllers.TestKubelet;
import dev.j8s.controllers.nodelifecycle.NodeLifecycleController;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.ContainerMetricsBuilder;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.NodeMetrics;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.NodeMetricsBuilder;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetrics;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetricsBuilder;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The HPA controller against a real API server: a stand-in node reports every running pod's CPU usage
 * to metrics.k8s.io once per 300 ms, and the controller scales a Deployment through its scale
 * subresource, writes status and records Kubernetes' SuccessfulRescale events.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedApiServer.class)
class HorizontalPodAutoscalerControllerTest {

    KubeClient client;
    ControllerManager manager;
    TestKubelet kubelet;
    String ns;
    ScheduledExecutorService reporter;
    /** The CPU usage every pod of the namespace reports. */
    final AtomicReference<String> podCpu = new AtomicReference<>("200m");

    @BeforeAll
    void start(ApiServerFixture fixture) throws Exception {
        client = fixture.newClient();
        ns = ControllerTestSupport.namespace(client, "hpa-test");
        kubelet = new TestKubelet(client, ns);
        manager = new ControllerManager(client, Clock.systemUTC(), 2, NodeLifecycleController.Options.DEFAULTS,
                new HorizontalPodAutoscalerController.Settings(Duration.ofMillis(500)));
        manager.start();
        reporter = Executors.newSingleThreadScheduledExecutor();
        reporter.scheduleAtFixedRate(this::report, 0, 300, TimeUnit.MILLISECONDS);
    }

    @AfterAll
    void stop() throws InterruptedException {
        reporter.shutdownNow();
        reporter.awaitTermination(5, TimeUnit.SECONDS);
        manager.close();
        kubelet.close();
    }

    /** One report of a node "hpa-node" running every pod of the namespace at {@link #podCpu}. */
    private void report() {
        try {
            String now = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
            io.fabric8.kubernetes.api.model.Duration window =
                    new io.fabric8.kubernetes.api.model.Duration(Duration.ofSeconds(1));
            List<PodMetrics> pods = ControllerTestSupport.activePods(client, ns).stream()
                    .filter(p -> "Running".equals(p.getStatus().getPhase()))
                    .map(p -> new PodMetricsBuilder().withNewMetadata().withNamespace(ns)
                            .withName(p.getMetadata().getName()).withLabels(p.getMetadata().getLabels()).endMetadata()
                            .withTimestamp(now).withWindow(window)
                            .withContainers(new ContainerMetricsBuilder().withName("app")
                                    .withUsage(Map.of("cpu", new Quantity(podCpu.get()))).build())
                            .build())
                    .toList();
            NodeMetrics node = new NodeMetricsBuilder().withNewMetadata().withName("hpa-node").endMetadata()
                    .withTimestamp(now).withWindow(window).withUsage(Map.of("cpu", new Quantity("0"))).build();
            client.resources(NodeMetrics.class).createSubresource(null, "hpa-node", NodeMetricsReport.SUBRESOURCE,
                    NodeMetricsReport.of(node, pods), Status.class);
        } catch (RuntimeException e) {
            // The next report follows in 300 ms; the test's waits cover a missed one.
        }
    }

    @Test
    void scalesADeploymentUpOnHighCpuAndDownAfterTheStabilizationWindow() {
        PodTemplateSpec template = ControllerTestSupport.template(Map.of("app", "web"), "nginx:1");
        template.getSpec().getContainers().get(0).setName("app");
        template.getSpec().getContainers().get(0).setResources(new io.fabric8.kubernetes.api.model
                .ResourceRequirementsBuilder().addToRequests("cpu", new Quantity("100m")).build());
        ResourceClient<Deployment> deployments = client.resources(Deployment.class);
        deployments.create(new DeploymentBuilder().withNewMetadata().withName("web").withNamespace(ns).endMetadata()
                .withNewSpec().withReplicas(1).withNewSelector().addToMatchLabels("app", "web").endSelector()
                .withTemplate(template).endSpec().build());
        ResourceClient<HorizontalPodAutoscaler> hpas = client.resources(HorizontalPodAutoscaler.class);
        hpas.create(new HorizontalPodAutoscalerBuilder().withNewMetadata().withName("web").withNamespace(ns)
                .endMetadata().withNewSpec()
                .withNewScaleTargetRef().withApiVersion("apps/v1").withKind("Deployment").withName("web")
                .endScaleTargetRef()
                .withMinReplicas(1).withMaxReplicas(4)
                .addNewMetric().withType("Resource").withNewResource().withName("cpu").withNewTarget()
                .withType("Utilization").withAverageUtilization(50).endTarget().endResource().endMetric()
                .withNewBehavior().withNewScaleDown().withStabilizationWindowSeconds(1).endScaleDown().endBehavior()
                .endSpec().build());

        // 200m of 100m requested is 200% against a 50% target: 4 replicas, the maximum.
        await().ignoreExceptions().atMost(WAIT).untilAsserted(() -> {
            assertThat(deployments.get(ns, "web").getSpec().getReplicas()).isEqualTo(4);
            HorizontalPodAutoscaler hpa = hpas.get(ns, "web");
            assertThat(hpa.getStatus().getDesiredReplicas()).isEqualTo(4);
            assertThat(hpa.getStatus().getCurrentMetrics()).singleElement().satisfies(m -> {
                assertThat(m.getResource().getName()).isEqualTo("cpu");
                assertThat(m.getResource().getCurrent().getAverageUtilization()).isEqualTo(200);
            });
            assertThat(events()).contains(
                    "SuccessfulRescale: New size: 4; reason: cpu resource utilization (percentage of request) above target");
        });
        await().ignoreExceptions().atMost(WAIT).untilAsserted(() -> assertThat(
                ControllerTestSupport.activePods(client, ns)).hasSize(4));
        assertThat(hpas.get(ns, "web").getStatus().getConditions())
                .extracting(c -> c.getType() + "=" + c.getStatus())
                .contains("AbleToScale=True", "ScalingActive=True");

        podCpu.set("10m");
        await().ignoreExceptions().atMost(WAIT).untilAsserted(() -> {
            assertThat(deployments.get(ns, "web").getSpec().getReplicas()).isEqualTo(1);
            assertThat(events()).contains("SuccessfulRescale: New size: 1; reason: All metrics below target");
        });
    }

    /** "reason: message" of the HPA's events. */
    private List<String> events() {
        return client.resources(Event.class).list(ns, dev.j8s.client.ListOptions.ALL).items().stream()
                .filter(e -> "HorizontalPodAutoscaler".equals(e.getInvolvedObject().getKind()))
                .map(e -> e.getReason() + ": " + e.getMessage())
                .toList();
    }
}
