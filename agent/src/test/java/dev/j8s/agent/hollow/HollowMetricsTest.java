package dev.j8s.agent.hollow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.j8s.client.ApiServerFixture;
import dev.j8s.client.KubeClient;
import dev.j8s.client.ListOptions;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.NodeMetrics;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetrics;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hollow nodes feed metrics.k8s.io through the API server, which serves what they report. */
class HollowMetricsTest {

    @TempDir
    static Path dir;

    static ApiServerFixture api;
    static KubeClient client;
    static HollowCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        api = new ApiServerFixture(dir);
        client = api.newClient();
        cluster = new HollowCluster(api.newClient(), HollowConfig.defaults("metrics-", 2)
                .withLeaseInterval(Duration.ofMillis(500)).withMetricsInterval(Duration.ofMillis(300))).start();
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
        api.close();
    }

    @Test
    void podsReportAnnotatedUsageOrAShareOfTheirRequestsAndNodesTheSum() {
        bound(pod("annotated", Map.of(SyntheticUsage.CPU_ANNOTATION, "200m",
                SyntheticUsage.MEMORY_ANNOTATION, "64Mi"), "tier", "web"), "metrics-0");
        bound(pod("plain", Map.of(), "tier", "db"), "metrics-0");

        await().atMost(Duration.ofSeconds(20)).ignoreException(dev.j8s.client.ApiStatusException.class)
                .untilAsserted(() -> {
            PodMetrics annotated = client.resources(PodMetrics.class).get("default", "annotated");
            assertThat(cores(annotated.getContainers().get(0).getUsage().get("cpu"))).isEqualByComparingTo("0.2");
            assertThat(Quantity.getAmountInBytes(annotated.getContainers().get(0).getUsage().get("memory")))
                    .isEqualByComparingTo(BigDecimal.valueOf(64L << 20));
            assertThat(annotated.getMetadata().getLabels()).containsEntry("tier", "web");
            PodMetrics plain = client.resources(PodMetrics.class).get("default", "plain");
            // 10 % of the 500m request.
            assertThat(cores(plain.getContainers().get(0).getUsage().get("cpu"))).isEqualByComparingTo("0.05");
            NodeMetrics node = client.resources(NodeMetrics.class).get(null, "metrics-0");
            assertThat(cores(node.getUsage().get("cpu"))).isEqualByComparingTo("0.25");
            assertThat(node.getWindow().getDuration()).isEqualTo(Duration.ofMillis(300));
        });
        List<PodMetrics> web = client.resources(PodMetrics.class)
                .list("default", ListOptions.ALL.withLabelSelector("tier=web")).items();
        assertThat(web).extracting(p -> p.getMetadata().getName()).containsExactly("annotated");
        // The second node reports on its own schedule; an idle node's first report may come later than the busy one's.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(client.resources(NodeMetrics.class).list(null, ListOptions.ALL).items())
                        .extracting(n -> n.getMetadata().getName()).contains("metrics-0", "metrics-1"));
    }

    private static BigDecimal cores(Quantity quantity) {
        return Quantity.getAmountInBytes(quantity);
    }

    private static void bound(Pod pod, String node) {
        Pod created = client.resources(Pod.class).create(pod);
        client.bind("default", pod.getMetadata().getName(), created.getMetadata().getUid(), node);
    }

    private static Pod pod(String name, Map<String, String> annotations, String labelKey, String labelValue) {
        return new PodBuilder()
                .withNewMetadata().withName(name).withNamespace("default").withAnnotations(annotations)
                    .withLabels(Map.of(labelKey, labelValue)).endMetadata()
                .withNewSpec()
                    .addNewContainer().withName("app").withImage("busybox:1.36")
                        .withNewResources().withRequests(Map.of("cpu", new Quantity("500m"),
                                "memory", new Quantity("100Mi"))).endResources()
                    .endContainer()
                .endSpec()
                .build();
    }
}
