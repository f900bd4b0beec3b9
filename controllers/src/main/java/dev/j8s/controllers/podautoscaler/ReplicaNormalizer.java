package dev.j8s.controllers.podautoscaler;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns the metrics' recommendation into the replica count to apply, as the HPA controller's
 * normalizeDesiredReplicasWithBehaviors does: stabilization over the recent recommendations (the
 * highest within the scale-down window, the lowest within the scale-up window), then the scaling
 * policies' rate limits over the recent scale events, then minReplicas/maxReplicas. It remembers
 * recommendations and scale events per HPA in memory, as Kubernetes does (lost on restart).
 */
final class ReplicaNormalizer {

    /** The outcome, with the reasons that become the AbleToScale and ScalingLimited conditions. */
    record Normalized(int replicas, String stabilizationReason, String stabilizationMessage, boolean limited,
                      String limitReason, String limitMessage) {}

    private record Recommendation(int replicas, Instant at) {}

    private record ScaleEvent(int change, Instant at) {}

    private final Clock clock;
    private final Map<String, List<Recommendation>> recommendations = new ConcurrentHashMap<>();
    private final Map<String, List<ScaleEvent>> upEvents = new ConcurrentHashMap<>();
    private final Map<String, List<ScaleEvent>> downEvents = new ConcurrentHashMap<>();

    ReplicaNormalizer(Clock clock) {
        this.clock = clock;
    }

    Normalized normalize(String key, int current, int recommended, int minReplicas, int maxReplicas,
                         ScalingRules up, ScalingRules down) {
        Instant now = clock.instant();
        int stabilized = stabilize(key, current, recommended, up, down, now);
        String reason;
        String message;
        if (stabilized == recommended) {
            reason = "ReadyForNewScale";
            message = "recommended size matches current size";
        } else if (stabilized < recommended) {
            reason = "ScaleUpStabilized";
            message = "recent recommendations were lower than current one, applying the lowest recent recommendation";
        } else {
            reason = "ScaleDownStabilized";
            message = "recent recommendations were higher than current one, applying the highest recent "
                    + "recommendation";
        }
        int upLimit = Math.max(current, scaleUpLimit(key, current, up, now));
        int maxAllowed = maxReplicas;
        String maxReason = "TooManyReplicas";
        String maxMessage = "the desired replica count is more than the maximum replica count";
        if (maxAllowed > upLimit) {
            maxAllowed = upLimit;
            maxReason = "ScaleUpLimit";
            maxMessage = "the desired replica count is increasing faster than the maximum scale rate";
        }
        int downLimit = Math.min(current, scaleDownLimit(key, current, down, now));
        int minAllowed = minReplicas;
        String minReason = "TooFewReplicas";
        String minMessage = "the desired replica count is less than the minimum replica count";
        if (minAllowed < downLimit) {
            minAllowed = downLimit;
            minReason = "ScaleDownLimit";
            minMessage = "the desired replica count is decreasing faster than the maximum scale rate";
        }
        if (stabilized > maxAllowed) {
            return new Normalized(maxAllowed, reason, message, true, maxReason, maxMessage);
        }
        if (stabilized < minAllowed) {
            return new Normalized(minAllowed, reason, message, true, minReason, minMessage);
        }
        return new Normalized(stabilized, reason, message, false, "DesiredWithinRange",
                "the desired count is within the acceptable range");
    }

    /** Remembers a rescale so the policies' periods count it. */
    void recordScale(String key, int from, int to, ScalingRules up, ScalingRules down) {
        Instant now = clock.instant();
        if (to > from) {
            append(upEvents, key, new ScaleEvent(to - from, now), up.longestPeriodSeconds());
        } else if (to < from) {
            append(downEvents, key, new ScaleEvent(from - to, now), down.longestPeriodSeconds());
        }
    }

    void forget(String key) {
        recommendations.remove(key);
        upEvents.remove(key);
        downEvents.remove(key);
    }

    private int stabilize(String key, int current, int recommended, ScalingRules up, ScalingRules down, Instant now) {
        int upRecommendation = recommended;
        int downRecommendation = recommended;
        Instant upCutoff = now.minusSeconds(up.stabilizationWindowSeconds());
        Instant downCutoff = now.minusSeconds(down.stabilizationWindowSeconds());
        List<Recommendation> history = recommendations.computeIfAbsent(key, k -> new ArrayList<>());
        synchronized (history) {
            for (Recommendation r : history) {
                if (r.at().isAfter(upCutoff)) {
                    upRecommendation = Math.min(upRecommendation, r.replicas());
                }
                if (r.at().isAfter(downCutoff)) {
                    downRecommendation = Math.max(downRecommendation, r.replicas());
                }
            }
            Instant keepAfter = upCutoff.isBefore(downCutoff) ? upCutoff : downCutoff;
            history.removeIf(r -> !r.at().isAfter(keepAfter));
            history.add(new Recommendation(recommended, now));
        }
        int result = current;
        if (result < upRecommendation) {
            result = upRecommendation;
        }
        if (result > downRecommendation) {
            result = downRecommendation;
        }
        return result;
    }

    private int scaleUpLimit(String key, int current, ScalingRules rules, Instant now) {
        if (ScalingRules.DISABLED.equals(rules.selectPolicy())) {
            return current;
        }
        boolean max = !ScalingRules.MIN.equals(rules.selectPolicy());
        int result = max ? Integer.MIN_VALUE : Integer.MAX_VALUE;
        for (ScalingRules.Policy policy : rules.policies()) {
            int added = changesSince(upEvents, key, now.minusSeconds(policy.periodSeconds()));
            int deleted = changesSince(downEvents, key, now.minusSeconds(policy.periodSeconds()));
            int periodStart = current - added + deleted;
            int proposed = policy.type().equals("Pods") ? periodStart + policy.value()
                    : (int) Math.ceil(periodStart * (1 + policy.value() / 100.0));
            result = max ? Math.max(result, proposed) : Math.min(result, proposed);
        }
        return result;
    }

    private int scaleDownLimit(String key, int current, ScalingRules rules, Instant now) {
        if (ScalingRules.DISABLED.equals(rules.selectPolicy())) {
            return current;
        }
        boolean max = !ScalingRules.MIN.equals(rules.selectPolicy());
        int result = max ? Integer.MAX_VALUE : Integer.MIN_VALUE;
        for (ScalingRules.Policy policy : rules.policies()) {
            int added = changesSince(upEvents, key, now.minusSeconds(policy.periodSeconds()));
            int deleted = changesSince(downEvents, key, now.minusSeconds(policy.periodSeconds()));
            int periodStart = current - added + deleted;
            int proposed = policy.type().equals("Pods") ? periodStart - policy.value()
                    : (int) (periodStart * (1 - policy.value() / 100.0));
            result = max ? Math.min(result, proposed) : Math.max(result, proposed);
        }
        return result;
    }

    private static int changesSince(Map<String, List<ScaleEvent>> events, String key, Instant since) {
        List<ScaleEvent> list = events.get(key);
        if (list == null) {
            return 0;
        }
        synchronized (list) {
            return list.stream().filter(e -> e.at().isAfter(since)).mapToInt(ScaleEvent::change).sum();
        }
    }

    private static void append(Map<String, List<ScaleEvent>> events, String key, ScaleEvent event, int keepSeconds) {
        List<ScaleEvent> list = events.computeIfAbsent(key, k -> new ArrayList<>());
        synchronized (list) {
            Instant cutoff = event.at().minusSeconds(keepSeconds);
            list.removeIf(e -> !e.at().isAfter(cutoff));
            list.add(event);
        }
    }
}
