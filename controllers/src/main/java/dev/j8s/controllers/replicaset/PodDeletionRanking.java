package dev.j8s.controllers.replicaset;

import dev.j8s.controllers.framework.PodReadiness;
import dev.j8s.controllers.framework.Timestamps;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * Which pods a ReplicaSet deletes first when it scales down (controller.ActivePods): the ones that
 * cost least to lose come first — unassigned before assigned, Pending before Unknown before
 * Running, not ready before ready, ready for less time before longer, more container restarts
 * before fewer, newer before older.
 */
final class PodDeletionRanking {

    static final Comparator<Pod> FIRST_TO_DELETE = Comparator
            .comparing((Pod p) -> isAssigned(p))
            .thenComparing(p -> phaseRank(p))
            .thenComparing(p -> PodReadiness.isReady(p))
            .thenComparing(PodDeletionRanking::readySince, Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(PodDeletionRanking::maxRestarts, Comparator.reverseOrder())
            .thenComparing(PodDeletionRanking::created, Comparator.nullsLast(Comparator.reverseOrder()));

    private PodDeletionRanking() {}

    /** The {@code count} pods to delete, best candidates first. */
    static List<Pod> choose(List<Pod> pods, int count) {
        return pods.stream().sorted(FIRST_TO_DELETE).limit(count).toList();
    }

    private static boolean isAssigned(Pod pod) {
        String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
        return node != null && !node.isEmpty();
    }

    private static int phaseRank(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        if (phase == null || phase.equals("Pending")) {
            return 0;
        }
        return phase.equals("Unknown") ? 1 : 2;
    }

    /** Only compared between two ready pods: the one ready for less time goes first. */
    private static Instant readySince(Pod pod) {
        return PodReadiness.readySince(pod);
    }

    private static int maxRestarts(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
            return 0;
        }
        return pod.getStatus().getContainerStatuses().stream()
                .map(ContainerStatus::getRestartCount)
                .filter(java.util.Objects::nonNull)
                .mapToInt(Integer::intValue).max().orElse(0);
    }

    private static Instant created(Pod pod) {
        return Timestamps.parse(pod.getMetadata().getCreationTimestamp());
    }
}
