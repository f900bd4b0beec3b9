package dev.j8s.controllers.nodelifecycle;

import dev.j8s.controllers.framework.Timestamps;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * When a pod on a node with NoExecute taints must be evicted (the taint-eviction controller's
 * rule): at once if some NoExecute taint is not tolerated; otherwise after the smallest
 * tolerationSeconds among the matching tolerations, counted from the taint's timeAdded; never
 * if they all tolerate forever.
 *
 * <p>Kubernetes' DefaultTolerationSeconds admission gives every pod a 300 s toleration of
 * not-ready and unreachable; j8s applies that default here instead, with its own (shorter,
 * configurable) time, to pods that did not declare a toleration of their own.
 */
public final class TaintEviction {

    private TaintEviction() {}

    /** The moment to evict the pod, empty if it may stay forever. */
    public static Optional<Instant> evictionTime(List<Toleration> tolerations, List<Taint> nodeTaints,
                                                 Duration defaultReadinessToleration, Instant now) {
        Instant evictAt = null;
        for (Taint taint : nodeTaints == null ? List.<Taint>of() : nodeTaints) {
            if (!NodeTaints.NO_EXECUTE.equals(taint.getEffect())) {
                continue;
            }
            Instant added = Optional.ofNullable(Timestamps.parse(taint.getTimeAdded())).orElse(now);
            Optional<Duration> tolerated = toleratedFor(tolerations, taint, defaultReadinessToleration);
            if (tolerated == null) {
                return Optional.of(now);
            }
            if (tolerated.isPresent()) {
                Instant at = added.plus(tolerated.get());
                evictAt = evictAt == null || at.isBefore(evictAt) ? at : evictAt;
            }
        }
        return Optional.ofNullable(evictAt);
    }

    /** null: not tolerated; empty: tolerated forever; else for that long. */
    private static Optional<Duration> toleratedFor(List<Toleration> tolerations, Taint taint, Duration readinessDefault) {
        Duration shortest = null;
        boolean matched = false;
        for (Toleration t : tolerations == null ? List.<Toleration>of() : tolerations) {
            if (!tolerates(t, taint)) {
                continue;
            }
            matched = true;
            if (t.getTolerationSeconds() == null) {
                continue;
            }
            Duration d = Duration.ofSeconds(Math.max(0, t.getTolerationSeconds()));
            shortest = shortest == null || d.compareTo(shortest) < 0 ? d : shortest;
        }
        if (!matched) {
            boolean readiness = NodeTaints.UNREACHABLE.equals(taint.getKey()) || NodeTaints.NOT_READY.equals(taint.getKey());
            return readiness ? Optional.of(readinessDefault) : null;
        }
        // Kubernetes takes the minimum over matching tolerations with seconds set; any without
        // seconds alone means forever.
        return Optional.ofNullable(shortest);
    }

    /** v1.Toleration.ToleratesTaint. */
    public static boolean tolerates(Toleration t, Taint taint) {
        if (t.getEffect() != null && !t.getEffect().isEmpty() && !t.getEffect().equals(taint.getEffect())) {
            return false;
        }
        String key = t.getKey() == null ? "" : t.getKey();
        boolean exists = "Exists".equals(t.getOperator());
        if (!key.isEmpty() && !key.equals(taint.getKey())) {
            return false;
        }
        if (exists) {
            return true;
        }
        if (key.isEmpty()) {
            return false; // an empty key needs operator Exists
        }
        String value = t.getValue() == null ? "" : t.getValue();
        return value.equals(taint.getValue() == null ? "" : taint.getValue());
    }
}
