package dev.j8s.controllers.podautoscaler;

import dev.j8s.client.ApiStatusException;
import dev.j8s.client.ResourceClient;
import dev.j8s.client.events.EventRecorder;
import dev.j8s.client.informer.Indexer;
import dev.j8s.client.informer.Indexes;
import dev.j8s.controllers.framework.Reconciler;
import dev.j8s.controllers.framework.Timestamps;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerCondition;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerConditionBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerStatus;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One HPA sync (the HPA controller's reconcileAutoscaler): read the target's scale, turn each Resource
 * metric into a replica proposal, keep the highest, pass it through spec.behavior and the replica
 * bounds, rescale the target if that changes its size, and record status, conditions and events.
 * Every HPA is synced again one sync period later, since metrics change without API events.
 */
final class HorizontalPodAutoscalerReconciler implements Reconciler {

    private final Indexer<HorizontalPodAutoscaler> hpas;
    private final Indexer<Pod> pods;
    private final ResourceClient<HorizontalPodAutoscaler> hpaClient;
    private final ScaleTargets scales;
    private final ResourceMetricEvaluator metrics;
    private final ReplicaNormalizer normalizer;
    private final EventRecorder recorder;
    private final Clock clock;
    private final Duration syncPeriod;

    HorizontalPodAutoscalerReconciler(Indexer<HorizontalPodAutoscaler> hpas, Indexer<Pod> pods,
                                      ResourceClient<HorizontalPodAutoscaler> hpaClient, ScaleTargets scales,
                                      ResourceMetricEvaluator metrics, ReplicaNormalizer normalizer,
                                      EventRecorder recorder, Clock clock, Duration syncPeriod) {
        this.hpas = hpas;
        this.pods = pods;
        this.hpaClient = hpaClient;
        this.scales = scales;
        this.metrics = metrics;
        this.normalizer = normalizer;
        this.recorder = recorder;
        this.clock = clock;
        this.syncPeriod = syncPeriod;
    }

    @Override
    public Result reconcile(String key) {
        HorizontalPodAutoscaler hpa = hpas.get(key);
        if (hpa == null) {
            normalizer.forget(key);
            return Result.done();
        }
        HorizontalPodAutoscalerSpec spec = hpa.getSpec();
        String ns = hpa.getMetadata().getNamespace();
        List<HorizontalPodAutoscalerCondition> conditions = new ArrayList<>(hpa.getStatus() == null
                || hpa.getStatus().getConditions() == null ? List.of() : hpa.getStatus().getConditions());
        HorizontalPodAutoscalerStatus old = hpa.getStatus() == null ? new HorizontalPodAutoscalerStatus()
                : hpa.getStatus();
        ScaleTargets.Scale scale;
        try {
            scale = scales.get(ns, spec.getScaleTargetRef());
        } catch (ScaleTargets.ScaleUnavailable e) {
            recorder.event(hpa, EventRecorder.WARNING, "FailedGetScale", e.getMessage());
            set(conditions, "AbleToScale", "False", "FailedGetScale",
                    "the HPA controller was unable to get the target's current scale: " + e.getMessage());
            writeStatus(hpa, status(old, conditions, old.getCurrentReplicas(), old.getDesiredReplicas(),
                    old.getCurrentMetrics(), old.getLastScaleTime()));
            return Result.requeueAfter(syncPeriod);
        }
        set(conditions, "AbleToScale", "True", "SucceededGetScale",
                "the HPA controller was able to get the target's current scale");
        int current = scale.specReplicas();
        int min = spec.getMinReplicas() == null ? 1 : spec.getMinReplicas();
        int max = spec.getMaxReplicas();
        List<MetricStatus> currentMetrics = old.getCurrentMetrics();
        int desired;
        String reason;
        ScalingRules up = ScalingRules.scaleUp(spec.getBehavior());
        ScalingRules down = ScalingRules.scaleDown(spec.getBehavior());
        if (current == 0 && min != 0) {
            // Kubernetes: a target scaled to zero by hand switches autoscaling off until it is scaled up again.
            desired = 0;
            reason = "";
            set(conditions, "ScalingActive", "False", "ScalingDisabled",
                    "scaling is disabled since the replica count of the target is zero");
        } else {
            Proposal proposal;
            try {
                proposal = propose(hpa, current, ns, scale.selector());
            } catch (ResourceMetricEvaluator.MetricFailure e) {
                recorder.event(hpa, EventRecorder.WARNING, e.reason, e.getMessage());
                recorder.event(hpa, EventRecorder.WARNING, "FailedComputeMetricsReplicas",
                        "invalid metrics (1 invalid out of " + Math.max(1, sizeOf(spec.getMetrics()))
                                + "), first error is: " + e.getMessage());
                set(conditions, "ScalingActive", "False", e.reason,
                        "the HPA was unable to compute the replica count: " + e.getMessage());
                writeStatus(hpa, status(old, conditions, current, old.getDesiredReplicas() == null ? current
                        : old.getDesiredReplicas(), List.of(), old.getLastScaleTime()));
                return Result.requeueAfter(syncPeriod);
            }
            set(conditions, "ScalingActive", "True", "ValidMetricFound",
                    "the HPA was able to successfully calculate a replica count from " + proposal.metricName());
            currentMetrics = proposal.statuses();
            ReplicaNormalizer.Normalized normalized = normalizer.normalize(key, current, proposal.replicas(), min,
                    max, up, down);
            set(conditions, "AbleToScale", "True", normalized.stabilizationReason(),
                    normalized.stabilizationMessage());
            set(conditions, "ScalingLimited", normalized.limited() ? "True" : "False", normalized.limitReason(),
                    normalized.limitMessage());
            desired = normalized.replicas();
            reason = desired > current ? proposal.metricName() + " above target" : "All metrics below target";
            if (current > max && desired == max) {
                reason = "Current number of replicas above Spec.MaxReplicas";
            } else if (current < min && desired == min) {
                reason = "Current number of replicas below Spec.MinReplicas";
            }
        }
        String lastScaleTime = old.getLastScaleTime();
        if (desired != current) {
            try {
                scales.update(scale, desired, spec.getScaleTargetRef());
            } catch (ScaleTargets.ScaleUnavailable e) {
                recorder.event(hpa, EventRecorder.WARNING, "FailedRescale",
                        "New size: " + desired + "; reason: " + reason + "; error: " + e.getMessage());
                set(conditions, "AbleToScale", "False", "FailedUpdateScale",
                        "the HPA controller was unable to update the target scale: " + e.getMessage());
                writeStatus(hpa, status(old, conditions, current, desired, currentMetrics, lastScaleTime));
                return Result.requeueAfter(syncPeriod);
            }
            set(conditions, "AbleToScale", "True", "SucceededRescale",
                    "the HPA controller was able to update the target scale to " + desired);
            recorder.event(hpa, EventRecorder.NORMAL, "SuccessfulRescale",
                    "New size: " + desired + "; reason: " + reason);
            normalizer.recordScale(key, current, desired, up, down);
            lastScaleTime = Timestamps.format(clock.instant());
        }
        writeStatus(hpa, status(old, conditions, current, desired, currentMetrics, lastScaleTime));
        return Result.requeueAfter(syncPeriod);
    }

    private record Proposal(int replicas, List<MetricStatus> statuses, String metricName) {}

    /** The highest proposal over all metrics (computeReplicasForMetrics); the first failure if none worked. */
    private Proposal propose(HorizontalPodAutoscaler hpa, int current, String ns, String selector)
            throws ResourceMetricEvaluator.MetricFailure {
        if (selector.isEmpty()) {
            throw new ResourceMetricEvaluator.MetricFailure("InvalidSelector",
                    "selector is required (the target's scale has no status.selector)");
        }
        List<Pod> selected = ResourceMetricEvaluator.select(pods.byIndex(Indexes.NAMESPACE, ns), selector);
        List<MetricSpec> specs = hpa.getSpec().getMetrics() == null || hpa.getSpec().getMetrics().isEmpty()
                ? List.of(defaultCpuMetric()) : hpa.getSpec().getMetrics();
        List<MetricStatus> statuses = new ArrayList<>();
        int replicas = -1;
        String metricName = "";
        ResourceMetricEvaluator.MetricFailure first = null;
        for (MetricSpec spec : specs) {
            try {
                ResourceMetricEvaluator.Evaluation e = metrics.evaluate(spec, current, ns, selector, selected);
                statuses.add(e.status());
                if (e.replicas() > replicas) {
                    replicas = e.replicas();
                    metricName = e.metricName();
                }
            } catch (ResourceMetricEvaluator.MetricFailure f) {
                if (first == null) {
                    first = f;
                }
                statuses.add(new io.fabric8.kubernetes.api.model.autoscaling.v2.MetricStatusBuilder()
                        .withType(spec.getType()).build());
            }
        }
        // Kubernetes scales on the valid metrics unless a failed one might have asked for more (scale-down
        // is then withheld); with every metric failing it cannot scale at all.
        if (replicas < 0 || (first != null && replicas < current)) {
            throw first;
        }
        return new Proposal(replicas, statuses, metricName);
    }

    /** autoscaling/v2 defaulting: no metrics means 80 % average CPU utilization. */
    private static MetricSpec defaultCpuMetric() {
        return new io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpecBuilder().withType("Resource")
                .withNewResource().withName("cpu").withNewTarget().withType("Utilization").withAverageUtilization(80)
                .endTarget().endResource().build();
    }

    private HorizontalPodAutoscalerStatus status(HorizontalPodAutoscalerStatus old,
                                                 List<HorizontalPodAutoscalerCondition> conditions, Integer current,
                                                 Integer desired, List<MetricStatus> currentMetrics,
                                                 String lastScaleTime) {
        HorizontalPodAutoscalerStatus status = new HorizontalPodAutoscalerStatus();
        status.setConditions(conditions);
        status.setCurrentReplicas(current == null ? 0 : current);
        status.setDesiredReplicas(desired == null ? 0 : desired);
        status.setCurrentMetrics(currentMetrics == null || currentMetrics.isEmpty() ? null : currentMetrics);
        status.setLastScaleTime(lastScaleTime);
        status.setObservedGeneration(old.getObservedGeneration());
        return status;
    }

    private void writeStatus(HorizontalPodAutoscaler hpa, HorizontalPodAutoscalerStatus status) {
        status.setObservedGeneration(hpa.getMetadata().getGeneration());
        if (Objects.equals(status, hpa.getStatus())) {
            return;
        }
        HorizontalPodAutoscaler copy = new HorizontalPodAutoscalerBuilder(hpa).withStatus(status).build();
        try {
            hpaClient.updateStatus(copy);
        } catch (ApiStatusException e) {
            if (!e.isConflict() && !e.isNotFound()) {
                throw e;
            }
            // A newer HPA is on its way through the informer; the next sync writes again.
        }
    }

    /** Sets a condition, keeping its lastTransitionTime while its status stays the same. */
    private void set(List<HorizontalPodAutoscalerCondition> conditions, String type, String status, String reason,
                     String message) {
        String now = Timestamps.format(clock.instant());
        for (int i = 0; i < conditions.size(); i++) {
            HorizontalPodAutoscalerCondition c = conditions.get(i);
            if (type.equals(c.getType())) {
                String since = status.equals(c.getStatus()) ? c.getLastTransitionTime() : now;
                conditions.set(i, condition(type, status, reason, message, since));
                return;
            }
        }
        conditions.add(condition(type, status, reason, message, now));
    }

    private static HorizontalPodAutoscalerCondition condition(String type, String status, String reason,
                                                              String message, String since) {
        return new HorizontalPodAutoscalerConditionBuilder().withType(type).withStatus(status).withReason(reason)
                .withMessage(message).withLastTransitionTime(since).build();
    }

    private static int sizeOf(List<?> list) {
        return list == null ? 0 : list.size();
    }
}
