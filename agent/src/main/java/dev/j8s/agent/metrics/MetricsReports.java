package dev.j8s.agent.metrics;

import dev.j8s.api.metrics.NodeMetricsReport;
import dev.j8s.client.ResourceClient;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.ContainerMetricsBuilder;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.NodeMetrics;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.NodeMetricsBuilder;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetrics;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetricsBuilder;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * One node's {@link NodeMetricsReport} (what metrics-server would have scraped from its kubelet), built
 * the same way whether the usage is measured (a real node's cgroups) or made up (hollow nodes), and sent
 * to {@code /apis/metrics.k8s.io/v1beta1/nodes/<node>/report}.
 */
public final class MetricsReports {

    private MetricsReports() {}

    /** A pod's sample: its containers' usage by container name, in the pod's container order. */
    public static PodMetrics pod(Pod pod, Instant now, Duration window, Map<String, ResourceUsage> byContainer) {
        PodMetricsBuilder metrics = new PodMetricsBuilder()
                .withNewMetadata()
                    .withNamespace(pod.getMetadata().getNamespace())
                    .withName(pod.getMetadata().getName())
                    .withLabels(pod.getMetadata().getLabels())
                .endMetadata()
                .withTimestamp(timestamp(now))
                .withWindow(new io.fabric8.kubernetes.api.model.Duration(window));
        for (var container : pod.getSpec().getContainers()) {
            ResourceUsage usage = byContainer.get(container.getName());
            if (usage != null) {
                metrics.addToContainers(new ContainerMetricsBuilder().withName(container.getName())
                        .withUsage(usage.toQuantities()).build());
            }
        }
        return metrics.build();
    }

    public static NodeMetricsReport report(String node, Map<String, String> labels, Instant now, Duration window,
                                           ResourceUsage nodeUsage, List<PodMetrics> pods) {
        NodeMetrics sample = new NodeMetricsBuilder()
                .withNewMetadata().withName(node).withLabels(labels).endMetadata()
                .withTimestamp(timestamp(now))
                .withWindow(new io.fabric8.kubernetes.api.model.Duration(window))
                .withUsage(nodeUsage.toQuantities())
                .build();
        return NodeMetricsReport.of(sample, pods);
    }

    /** Sends a report; the caller decides what a failure means (one missed sample is harmless). */
    public static void send(ResourceClient<NodeMetrics> nodeMetrics, String node, NodeMetricsReport report) {
        nodeMetrics.createSubresource(null, node, NodeMetricsReport.SUBRESOURCE, report, Status.class);
    }

    private static String timestamp(Instant now) {
        return now.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
