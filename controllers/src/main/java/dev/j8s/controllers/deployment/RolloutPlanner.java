package dev.j8s.controllers.deployment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * The arithmetic of a rollout (deployment controller rolling.go and sync.go), free of I/O:
 * how far the new ReplicaSet may grow, how far the old ones may shrink, and how a resize of the
 * Deployment is spread over ReplicaSets mid-rollout. ReplicaSet lists run oldest first.
 */
final class RolloutPlanner {

    private RolloutPlanner() {}

    /**
     * The size the new ReplicaSet should have now (NewRSNewReplicas for RollingUpdate): grow toward
     * spec.replicas as long as all pods together stay within replicas + maxSurge; shrink at once
     * if it is larger than spec.replicas.
     */
    static int newReplicaSetSize(int desired, RollingUpdateLimits limits, ReplicaSetCounts newRs,
                                 List<ReplicaSetCounts> all) {
        int current = newRs == null ? 0 : newRs.spec();
        if (current >= desired) {
            return desired;
        }
        int pods = all.stream().mapToInt(ReplicaSetCounts::podsCounted).sum();
        int maxTotal = desired + limits.maxSurge();
        if (pods >= maxTotal) {
            return current;
        }
        return current + Math.min(maxTotal - pods, desired - current);
    }

    /**
     * New sizes of old ReplicaSets (reconcileOldReplicaSets), only those that change: first drop
     * their unavailable pods (cleanupUnhealthyReplicas, bounded so that the pods left can still
     * reach spec.replicas − maxUnavailable available), then scale down available ones while more
     * than spec.replicas − maxUnavailable stay available.
     */
    static Map<String, Integer> oldReplicaSetSizes(int desired, RollingUpdateLimits limits, ReplicaSetCounts newRs,
                                                   List<ReplicaSetCounts> oldOldestFirst) {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        int oldPods = oldOldestFirst.stream().mapToInt(ReplicaSetCounts::spec).sum();
        if (oldPods == 0) {
            return sizes;
        }
        int newSpec = newRs == null ? 0 : newRs.spec();
        int newAvailable = newRs == null ? 0 : newRs.availableCounted();
        int allPods = oldPods + newSpec;
        int minAvailable = desired - limits.unavailableFor(desired);
        int newUnavailable = newSpec - newAvailable;
        int maxScaledDown = allPods - minAvailable - newUnavailable;
        if (maxScaledDown <= 0) {
            return sizes;
        }
        List<ReplicaSetCounts> olds = new ArrayList<>(oldOldestFirst);
        int cleaned = 0;
        for (int i = 0; i < olds.size() && cleaned < maxScaledDown; i++) {
            ReplicaSetCounts rs = olds.get(i);
            int unhealthy = rs.spec() - rs.availableCounted();
            if (rs.spec() == 0 || unhealthy <= 0) {
                continue;
            }
            int down = Math.min(maxScaledDown - cleaned, unhealthy);
            olds.set(i, rs.withSpec(rs.spec() - down));
            sizes.put(rs.name(), rs.spec() - down);
            cleaned += down;
        }
        int available = newAvailable + olds.stream().mapToInt(ReplicaSetCounts::availableCounted).sum();
        if (available <= minAvailable) {
            return sizes;
        }
        int toScaleDown = available - minAvailable;
        int scaled = 0;
        for (ReplicaSetCounts rs : olds) {
            if (scaled >= toScaleDown) {
                break;
            }
            if (rs.spec() == 0) {
                continue;
            }
            int down = Math.min(rs.spec(), toScaleDown - scaled);
            sizes.put(rs.name(), rs.spec() - down);
            scaled += down;
        }
        return sizes;
    }

    /**
     * Proportional scaling (sync.go scale) when spec.replicas changes while several ReplicaSets
     * are active: the pods to add or remove are shared in proportion to each ReplicaSet's size
     * relative to the max-replicas it was last sized for; the rounding leftover goes to the
     * largest ReplicaSet (newest on ties when growing, oldest when shrinking).
     *
     * @param activeOldestFirst     ReplicaSets with spec.replicas &gt; 0
     * @param annotatedMaxReplicas  a ReplicaSet's max-replicas annotation, or -1 when absent
     * @param observedReplicas      the Deployment's status.replicas, the fallback for a missing annotation
     */
    static Map<String, Integer> proportionalSizes(int desired, RollingUpdateLimits limits,
                                                  List<ReplicaSetCounts> activeOldestFirst,
                                                  ToIntFunction<String> annotatedMaxReplicas, int observedReplicas) {
        int total = activeOldestFirst.stream().mapToInt(ReplicaSetCounts::spec).sum();
        int allowed = desired > 0 ? desired + limits.maxSurge() : 0;
        int toAdd = allowed - total;
        List<ReplicaSetCounts> ordered = new ArrayList<>(activeOldestFirst);
        if (toAdd > 0) {
            java.util.Collections.reverse(ordered);
        }
        ordered.sort(Comparator.comparingInt(ReplicaSetCounts::spec).reversed());
        Map<String, Integer> sizes = new LinkedHashMap<>();
        int added = 0;
        for (ReplicaSetCounts rs : ordered) {
            int proportion = 0;
            if (toAdd != 0 && added != toAdd && rs.spec() != 0) {
                int fraction = fraction(rs, desired, limits, annotatedMaxReplicas.applyAsInt(rs.name()),
                        observedReplicas);
                proportion = toAdd > 0 ? Math.min(fraction, toAdd - added) : Math.max(fraction, toAdd - added);
            }
            sizes.put(rs.name(), rs.spec() + proportion);
            added += proportion;
        }
        if (!ordered.isEmpty() && toAdd != 0) {
            String first = ordered.get(0).name();
            sizes.put(first, Math.max(0, sizes.get(first) + toAdd - added));
        }
        return sizes;
    }

    /** getReplicaSetFraction: how many pods this ReplicaSet gains (or loses) at the new size. */
    private static int fraction(ReplicaSetCounts rs, int desired, RollingUpdateLimits limits, int annotatedMax,
                                int observedReplicas) {
        if (desired == 0) {
            return -rs.spec();
        }
        int deploymentMax = desired + limits.maxSurge();
        int base = annotatedMax >= 0 ? annotatedMax : observedReplicas;
        if (base <= 0) {
            return 0;
        }
        return (int) Math.round((double) rs.spec() * deploymentMax / base) - rs.spec();
    }
}
