package dev.j8s.controllers.podautoscaler;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Kubernetes' replica calculation for Resource metrics (replica_calculator.go): the usage ratio of
 * ready pods against the target, a tolerance band in which nothing changes, and the conservative
 * treatment of pods without metrics (assumed at the target's edge so they dampen the change) and of
 * unready pods while scaling up (assumed idle). Amounts are milli-units (millicores, millibytes).
 */
final class ReplicaCalculator {

    /** --horizontal-pod-autoscaler-tolerance. */
    static final double TOLERANCE = 0.1;
    /** --horizontal-pod-autoscaler-cpu-initialization-period. */
    static final Duration CPU_INITIALIZATION_PERIOD = Duration.ofMinutes(5);
    /** --horizontal-pod-autoscaler-initial-readiness-delay. */
    static final Duration INITIAL_READINESS_DELAY = Duration.ofSeconds(30);

    /** A proposal: the replica count and the current value (utilization percent or average milli-value). */
    record Proposal(int replicas, long utilization, long rawAverage) {}

    /** The metric could not be turned into a replica count; the message is Kubernetes' wording. */
    static final class MetricsUnavailable extends Exception {
        MetricsUnavailable(String message) {
            super(message);
        }
    }

    private final Clock clock;

    ReplicaCalculator(Clock clock) {
        this.clock = clock;
    }

    /** A target utilization, in percent of the pods' requests. */
    Proposal utilization(int currentReplicas, int targetUtilization, String resource, List<PodSample> pods)
            throws MetricsUnavailable {
        Groups groups = group(pods, resource);
        Map<String, Long> requests = new HashMap<>();
        for (PodSample pod : pods) {
            if (groups.metrics.containsKey(pod.name())) {
                if (pod.request() < 0) {
                    throw new MetricsUnavailable("missing request for " + resource + " in pod " + pod.name());
                }
                requests.put(pod.name(), pod.request());
            } else {
                requests.put(pod.name(), Math.max(0, pod.request()));
            }
        }
        Ratio ratio = utilizationRatio(groups.metrics, requests, targetUtilization);
        boolean scaleUpWithUnready = !groups.unready.isEmpty() && ratio.ratio > 1.0;
        if (!scaleUpWithUnready && groups.missing.isEmpty()) {
            if (Math.abs(1.0 - ratio.ratio) <= TOLERANCE) {
                return new Proposal(currentReplicas, ratio.utilization, ratio.rawAverage);
            }
            return new Proposal((int) Math.ceil(ratio.ratio * groups.ready), ratio.utilization, ratio.rawAverage);
        }
        Map<String, Long> filled = new HashMap<>(groups.metrics);
        if (!groups.missing.isEmpty()) {
            for (String pod : groups.missing) {
                // Scaling down, a silent pod is assumed at full request (or the target, if higher); scaling up, idle.
                filled.put(pod, ratio.ratio < 1.0 ? requests.get(pod) * Math.max(100, targetUtilization) / 100 : 0L);
            }
        }
        if (scaleUpWithUnready) {
            groups.unready.forEach(pod -> filled.put(pod, 0L));
        }
        Ratio recomputed = utilizationRatio(filled, requests, targetUtilization);
        return settle(currentReplicas, ratio, recomputed, filled.size());
    }

    /** A target average value per pod, in milli-units. */
    Proposal averageValue(int currentReplicas, long targetAverage, String resource, List<PodSample> pods)
            throws MetricsUnavailable {
        Groups groups = group(pods, resource);
        Ratio ratio = averageRatio(groups.metrics, targetAverage);
        boolean scaleUpWithUnready = !groups.unready.isEmpty() && ratio.ratio > 1.0;
        if (!scaleUpWithUnready && groups.missing.isEmpty()) {
            if (Math.abs(1.0 - ratio.ratio) <= TOLERANCE) {
                return new Proposal(currentReplicas, ratio.rawAverage, ratio.rawAverage);
            }
            return new Proposal((int) Math.ceil(ratio.ratio * groups.ready), ratio.rawAverage, ratio.rawAverage);
        }
        Map<String, Long> filled = new HashMap<>(groups.metrics);
        for (String pod : groups.missing) {
            filled.put(pod, ratio.ratio < 1.0 ? targetAverage : 0L);
        }
        if (scaleUpWithUnready) {
            groups.unready.forEach(pod -> filled.put(pod, 0L));
        }
        Proposal settled = settle(currentReplicas, ratio, averageRatio(filled, targetAverage), filled.size());
        return new Proposal(settled.replicas(), ratio.rawAverage, ratio.rawAverage);
    }

    /** The recomputed ratio may not flip the direction of the change, nor fall inside the tolerance. */
    private static Proposal settle(int currentReplicas, Ratio first, Ratio recomputed, int counted) {
        Proposal unchanged = new Proposal(currentReplicas, first.utilization, first.rawAverage);
        if (Math.abs(1.0 - recomputed.ratio) <= TOLERANCE
                || (first.ratio < 1.0 && recomputed.ratio > 1.0)
                || (first.ratio > 1.0 && recomputed.ratio < 1.0)) {
            return unchanged;
        }
        int replicas = (int) Math.ceil(recomputed.ratio * counted);
        if ((recomputed.ratio < 1.0 && replicas > currentReplicas)
                || (recomputed.ratio > 1.0 && replicas < currentReplicas)) {
            return unchanged;
        }
        return new Proposal(replicas, first.utilization, first.rawAverage);
    }

    private record Ratio(double ratio, long utilization, long rawAverage) {}

    private static Ratio utilizationRatio(Map<String, Long> metrics, Map<String, Long> requests, int target)
            throws MetricsUnavailable {
        long usage = 0;
        long requested = 0;
        for (Map.Entry<String, Long> m : metrics.entrySet()) {
            usage += m.getValue();
            requested += requests.getOrDefault(m.getKey(), 0L);
        }
        if (requested == 0) {
            throw new MetricsUnavailable("no metrics returned matched known pods");
        }
        long utilization = usage * 100 / requested;
        return new Ratio((double) utilization / target, utilization, usage / metrics.size());
    }

    private static Ratio averageRatio(Map<String, Long> metrics, long targetAverage) {
        long usage = metrics.values().stream().mapToLong(Long::longValue).sum();
        return new Ratio((double) usage / (targetAverage * metrics.size()), usage / metrics.size(),
                usage / metrics.size());
    }

    private static final class Groups {
        final Map<String, Long> metrics = new HashMap<>();
        final List<String> unready = new ArrayList<>();
        final List<String> missing = new ArrayList<>();
        int ready;
    }

    /** Sorts pods as groupPods does: ignored, unready (CPU only), without metrics, and ready with metrics. */
    private Groups group(List<PodSample> pods, String resource) throws MetricsUnavailable {
        if (pods.isEmpty()) {
            throw new MetricsUnavailable("no pods returned by selector while calculating replica count");
        }
        if (pods.stream().noneMatch(p -> p.usage() != null)) {
            throw new MetricsUnavailable("unable to get metrics for resource " + resource
                    + ": no metrics returned from resource metrics API");
        }
        Instant now = clock.instant();
        Groups groups = new Groups();
        for (PodSample pod : pods) {
            if (pod.ignored()) {
                continue;
            }
            if (pod.pending()) {
                groups.unready.add(pod.name());
                continue;
            }
            if (pod.usage() == null) {
                groups.missing.add(pod.name());
                continue;
            }
            if (resource.equals("cpu") && unreadyForCpu(pod, now)) {
                groups.unready.add(pod.name());
                continue;
            }
            groups.metrics.put(pod.name(), pod.usage());
            groups.ready++;
        }
        if (groups.metrics.isEmpty()) {
            throw new MetricsUnavailable("did not receive metrics for targeted pods (pods might be unready)");
        }
        return groups;
    }

    /**
     * CPU of a starting pod is not trusted: within the initialization period an unready pod is unready;
     * after it, a pod that is not Ready and never became Ready since its start is.
     */
    private static boolean unreadyForCpu(PodSample pod, Instant now) {
        if (pod.startTime() == null) {
            return !pod.ready();
        }
        if (pod.startTime().plus(CPU_INITIALIZATION_PERIOD).isAfter(now)) {
            return !pod.ready();
        }
        return !pod.ready() && pod.readySince() != null
                && pod.startTime().plus(INITIAL_READINESS_DELAY).isAfter(pod.readySince());
    }
}
