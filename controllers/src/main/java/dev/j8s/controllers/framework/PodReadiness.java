package dev.j8s.controllers.framework;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.time.Instant;
import java.util.Optional;

/**
 * Readiness and availability of pods as workload controllers count them (podutil): ready means
 * the {@code Ready} condition is True; available means ready for at least minReadySeconds, judged
 * at an injected "now".
 */
public final class PodReadiness {

    private PodReadiness() {}

    public static Optional<PodCondition> readyCondition(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return pod.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType())).findFirst();
    }

    /** Controllers ask this of every pod they own on every sync: a plain loop, no stream. */
    public static boolean isReady(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
            return false;
        }
        for (PodCondition c : pod.getStatus().getConditions()) {
            if ("Ready".equals(c.getType())) {
                return "True".equals(c.getStatus());
            }
        }
        return false;
    }

    /** When the pod last became ready, or null if it is not ready (or never said when). */
    public static Instant readySince(Pod pod) {
        return readyCondition(pod).filter(c -> "True".equals(c.getStatus()))
                .map(c -> Timestamps.parse(c.getLastTransitionTime())).orElse(null);
    }

    /**
     * podutil.IsPodAvailable: ready, and with minReadySeconds &gt; 0 ready since at least that long
     * before {@code now}.
     */
    public static boolean isAvailable(Pod pod, int minReadySeconds, Instant now) {
        if (!isReady(pod)) {
            return false;
        }
        if (minReadySeconds <= 0) {
            return true;
        }
        Instant since = readySince(pod);
        return since != null && !since.plusSeconds(minReadySeconds).isAfter(now);
    }

    /** Active pods count toward a controller's replicas (controller.IsPodActive). */
    public static boolean isActive(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return !"Succeeded".equals(phase) && !"Failed".equals(phase)
                && pod.getMetadata().getDeletionTimestamp() == null;
    }
}
