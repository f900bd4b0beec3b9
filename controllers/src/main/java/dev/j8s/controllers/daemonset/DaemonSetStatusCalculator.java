package dev.j8s.controllers.daemonset;

import dev.j8s.controllers.framework.PodReadiness;
import dev.j8s.controllers.framework.Timestamps;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatus;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * DaemonSet status from the nodes and their pods (updateDaemonSetStatus): the oldest pod of each
 * node that should run the daemon counts for ready, available and updated; a pod on a node that
 * should not run it is misscheduled.
 */
final class DaemonSetStatusCalculator {

    private DaemonSetStatusCalculator() {}

    static DaemonSetStatus calculate(DaemonSet ds, List<DaemonSetPlanner.NodeState> nodes, String hash,
                                     int collisionCount, int minReadySeconds, Instant now) {
        int desired = 0;
        int scheduled = 0;
        int misscheduled = 0;
        int ready = 0;
        int available = 0;
        int updated = 0;
        for (DaemonSetPlanner.NodeState node : nodes) {
            boolean hasPod = !node.pods().isEmpty();
            if (!node.eligibility().shouldRun()) {
                misscheduled += hasPod ? 1 : 0;
                continue;
            }
            desired++;
            if (!hasPod) {
                continue;
            }
            scheduled++;
            Pod oldest = node.pods().stream().min(Comparator.comparing(
                    (Pod p) -> Objects.requireNonNullElse(Timestamps.parse(p.getMetadata().getCreationTimestamp()),
                            Instant.MAX))).orElseThrow();
            if (PodReadiness.isReady(oldest)) {
                ready++;
                available += PodReadiness.isAvailable(oldest, minReadySeconds, now) ? 1 : 0;
            }
            updated += DaemonPods.isUpdated(oldest, hash) ? 1 : 0;
        }
        DaemonSetStatus status = new DaemonSetStatus();
        status.setDesiredNumberScheduled(desired);
        status.setCurrentNumberScheduled(scheduled);
        status.setNumberMisscheduled(misscheduled);
        status.setNumberReady(ready);
        status.setNumberAvailable(available);
        status.setNumberUnavailable(desired - available);
        status.setUpdatedNumberScheduled(updated);
        status.setObservedGeneration(ds.getMetadata().getGeneration());
        status.setCollisionCount(collisionCount == 0 ? ds.getStatus() == null ? null
                : ds.getStatus().getCollisionCount() : Integer.valueOf(collisionCount));
        status.setConditions(ds.getStatus() == null ? null : ds.getStatus().getConditions());
        return status;
    }

    /** Kubernetes omits zero numberAvailable/numberUnavailable; compare what is stored. */
    static boolean unchanged(DaemonSet ds, DaemonSetStatus status) {
        DaemonSetStatus old = ds.getStatus();
        return old != null && Objects.equals(old.getDesiredNumberScheduled(), status.getDesiredNumberScheduled())
                && Objects.equals(old.getCurrentNumberScheduled(), status.getCurrentNumberScheduled())
                && Objects.equals(old.getNumberMisscheduled(), status.getNumberMisscheduled())
                && Objects.equals(old.getNumberReady(), status.getNumberReady())
                && zeroIfNull(old.getNumberAvailable()) == status.getNumberAvailable()
                && zeroIfNull(old.getNumberUnavailable()) == status.getNumberUnavailable()
                && zeroIfNull(old.getUpdatedNumberScheduled()) == status.getUpdatedNumberScheduled()
                && Objects.equals(old.getObservedGeneration(), status.getObservedGeneration())
                && Objects.equals(old.getCollisionCount(), status.getCollisionCount());
    }

    private static int zeroIfNull(Integer value) {
        return value == null ? 0 : value;
    }
}
