package dev.j8s.controllers.disruption;

import dev.j8s.controllers.framework.PodReadiness;
import dev.j8s.controllers.framework.Timestamps;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The healthy pods of a budget and what is left of its status.disruptedPods (disruption.go
 * buildDisruptedPodMap and countHealthyPods). The eviction subresource adds a pod there before
 * deleting it so that it stops counting as healthy at once; the entry is dropped once the pod is
 * gone or being deleted, or when the deletion has not come within {@link #DELETION_TIMEOUT}.
 */
final class HealthyPods {

    /** Kubernetes' DeletionTimeout: how long an evicted pod may take to show its deletion. */
    static final Duration DELETION_TIMEOUT = Duration.ofMinutes(2);

    /**
     * @param disruptedPods the entries to keep (pod name → eviction time as written by the server)
     * @param notDeleted    pods whose eviction was recorded but which were not deleted in time
     * @param recheckAt     when the earliest kept entry expires and the budget must be looked at again;
     *                      null when none is kept
     */
    record Health(int currentHealthy, Map<String, String> disruptedPods, List<Pod> notDeleted, Instant recheckAt) {}

    private HealthyPods() {}

    static Health of(List<Pod> pods, Map<String, String> recordedDisruptions, Instant now) {
        Map<String, String> kept = new LinkedHashMap<>();
        List<Pod> notDeleted = new ArrayList<>();
        Instant recheckAt = null;
        Map<String, String> recorded = recordedDisruptions == null ? Map.of() : recordedDisruptions;
        for (Pod pod : pods) {
            String name = pod.getMetadata().getName();
            if (pod.getMetadata().getDeletionTimestamp() != null || !recorded.containsKey(name)) {
                continue;
            }
            Instant expectedDeletion = evictedAt(recorded.get(name)).plus(DELETION_TIMEOUT);
            if (expectedDeletion.isBefore(now)) {
                notDeleted.add(pod);
            } else {
                kept.put(name, recorded.get(name));
                if (recheckAt == null || expectedDeletion.isBefore(recheckAt)) {
                    recheckAt = expectedDeletion;
                }
            }
        }
        return new Health(countHealthy(pods, kept, now), kept, notDeleted, recheckAt);
    }

    /** Ready pods that are neither being deleted nor about to be (an eviction within the timeout). */
    private static int countHealthy(List<Pod> pods, Map<String, String> disrupted, Instant now) {
        int healthy = 0;
        for (Pod pod : pods) {
            if (pod.getMetadata().getDeletionTimestamp() != null) {
                continue;
            }
            String evicted = disrupted.get(pod.getMetadata().getName());
            if (evicted != null && evictedAt(evicted).plus(DELETION_TIMEOUT).isAfter(now)) {
                continue;
            }
            if (PodReadiness.isReady(pod)) {
                healthy++;
            }
        }
        return healthy;
    }

    /** An unreadable time counts as long ago, so a garbled entry is dropped rather than kept forever. */
    private static Instant evictedAt(String value) {
        try {
            Instant at = Timestamps.parse(value);
            return at == null ? Instant.EPOCH : at;
        } catch (java.time.format.DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }
}
