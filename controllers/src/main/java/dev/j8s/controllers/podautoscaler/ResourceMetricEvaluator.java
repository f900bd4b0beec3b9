package dev.j8s.controllers.podautoscaler;

import dev.j8s.api.selector.LabelSelector;
import dev.j8s.client.ListOptions;
import dev.j8s.client.ResourceClient;
import dev.j8s.controllers.framework.PodReadiness;
import dev.j8s.controllers.framework.Timestamps;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricStatus;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricStatusBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricTarget;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.ContainerMetrics;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetrics;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One Resource metric of an HPA: reads the pods' usage from metrics.k8s.io (a label-selected list,
 * as the HPA's metrics client asks metrics-server), joins it with the pods from the cache, and asks
 * the {@link ReplicaCalculator} for a proposal.
 */
final class ResourceMetricEvaluator {

    /** A metric's proposal with its status entry and the wording Kubernetes uses in reasons and conditions. */
    record Evaluation(int replicas, MetricStatus status, String metricName) {}

    /** Kubernetes' reason and message for a metric that could not be evaluated. */
    static final class MetricFailure extends Exception {
        final String reason;

        MetricFailure(String reason, String message) {
            super(message);
            this.reason = reason;
        }
    }

    private final ResourceClient<PodMetrics> podMetrics;
    private final ReplicaCalculator calculator;

    ResourceMetricEvaluator(ResourceClient<PodMetrics> podMetrics, ReplicaCalculator calculator) {
        this.podMetrics = podMetrics;
        this.calculator = calculator;
    }

    Evaluation evaluate(MetricSpec spec, int currentReplicas, String namespace, String selector, List<Pod> pods)
            throws MetricFailure {
        if (!"Resource".equals(spec.getType()) || spec.getResource() == null) {
            throw new MetricFailure("InvalidMetricSourceType", "the HPA was unable to compute the replica count: "
                    + "unsupported metric source type \"" + spec.getType() + "\" (j8s serves Resource metrics)");
        }
        String resource = spec.getResource().getName();
        MetricTarget target = spec.getResource().getTarget();
        List<PodSample> samples = samples(pods, resource, usage(namespace, selector, resource));
        try {
            if (target != null && target.getAverageUtilization() != null) {
                ReplicaCalculator.Proposal p = calculator.utilization(currentReplicas, target.getAverageUtilization(),
                        resource, samples);
                MetricStatus status = new MetricStatusBuilder().withType("Resource").withNewResource()
                        .withName(resource).withNewCurrent().withAverageUtilization((int) p.utilization())
                        .withAverageValue(milli(p.rawAverage())).endCurrent().endResource().build();
                return new Evaluation(p.replicas(), status, resource + " resource utilization (percentage of request)");
            }
            if (target != null && target.getAverageValue() != null) {
                long targetMilli = toMilli(target.getAverageValue());
                ReplicaCalculator.Proposal p = calculator.averageValue(currentReplicas, targetMilli, resource, samples);
                MetricStatus status = new MetricStatusBuilder().withType("Resource").withNewResource()
                        .withName(resource).withNewCurrent().withAverageValue(milli(p.rawAverage())).endCurrent()
                        .endResource().build();
                return new Evaluation(p.replicas(), status, resource + " resource");
            }
        } catch (ReplicaCalculator.MetricsUnavailable e) {
            String what = target.getAverageUtilization() != null ? "utilization" : "usage";
            throw new MetricFailure("FailedGetResourceMetric",
                    "failed to get " + resource + " " + what + ": " + e.getMessage());
        }
        throw new MetricFailure("InvalidMetricSourceType", "the HPA was unable to compute the replica count: "
                + "invalid resource metric source: neither a utilization target nor a value target was set");
    }

    /** pod name → summed container usage in milli-units; pods without a metric are absent. */
    private Map<String, Long> usage(String namespace, String selector, String resource) throws MetricFailure {
        List<PodMetrics> items;
        try {
            items = podMetrics.list(namespace, ListOptions.ALL.withLabelSelector(selector)).items();
        } catch (RuntimeException e) {
            throw new MetricFailure("FailedGetResourceMetric", "failed to get " + resource
                    + " utilization: unable to get metrics for resource " + resource
                    + ": unable to fetch metrics from resource metrics API: " + e.getMessage());
        }
        Map<String, Long> out = new HashMap<>();
        for (PodMetrics m : items) {
            long sum = 0;
            boolean found = false;
            for (ContainerMetrics c : m.getContainers()) {
                Quantity q = c.getUsage() == null ? null : c.getUsage().get(resource);
                if (q != null) {
                    sum += toMilli(q);
                    found = true;
                }
            }
            if (found) {
                out.put(m.getMetadata().getName(), sum);
            }
        }
        return out;
    }

    private static List<PodSample> samples(List<Pod> pods, String resource, Map<String, Long> usage) {
        List<PodSample> out = new ArrayList<>();
        for (Pod pod : pods) {
            String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
            boolean ignored = pod.getMetadata().getDeletionTimestamp() != null || "Failed".equals(phase);
            boolean pending = phase == null || "Pending".equals(phase);
            Instant start = pod.getStatus() == null || pod.getStatus().getStartTime() == null ? null
                    : Timestamps.parse(pod.getStatus().getStartTime());
            Instant readySince = PodReadiness.readyCondition(pod).map(PodCondition::getLastTransitionTime)
                    .filter(t -> t != null && !t.isEmpty()).map(Timestamps::parse).orElse(null);
            out.add(new PodSample(pod.getMetadata().getName(), request(pod, resource),
                    usage.get(pod.getMetadata().getName()), PodReadiness.isReady(pod), start, readySince, ignored,
                    pending));
        }
        return out;
    }

    /** Summed container requests in milli-units, or -1 if a container requests none. */
    private static long request(Pod pod, String resource) {
        long sum = 0;
        for (Container c : pod.getSpec().getContainers()) {
            Quantity q = c.getResources() == null || c.getResources().getRequests() == null ? null
                    : c.getResources().getRequests().get(resource);
            if (q == null) {
                return -1;
            }
            sum += toMilli(q);
        }
        return sum;
    }

    static List<Pod> select(List<Pod> pods, String selector) {
        LabelSelector parsed = LabelSelector.parse(selector);
        return pods.stream().filter(p -> parsed.matches(p.getMetadata().getLabels() == null ? Map.of()
                : p.getMetadata().getLabels())).toList();
    }

    static long toMilli(Quantity q) {
        return Quantity.getAmountInBytes(q).movePointRight(3).setScale(0, java.math.RoundingMode.CEILING)
                .longValueExact();
    }

    private static Quantity milli(long value) {
        // Canonical form, as resource.NewMilliQuantity prints: whole units without the milli suffix.
        return value % 1000 == 0 ? new Quantity(Long.toString(value / 1000))
                : new Quantity(BigDecimal.valueOf(value).toPlainString() + "m");
    }
}
