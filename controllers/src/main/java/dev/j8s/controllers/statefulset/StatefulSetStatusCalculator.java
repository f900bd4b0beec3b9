package dev.j8s.controllers.statefulset;

import dev.j8s.controllers.framework.ControllerRevisions;
import dev.j8s.controllers.framework.PodReadiness;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * StatefulSet status from its pods (stateful_set_control.go computeReplicaStatus and
 * completeRollingUpdate): replicas counts pods that exist, ready and available those Running and
 * Ready (for minReadySeconds), current and updated the non-terminating pods of each revision. A
 * RollingUpdate is complete once every pod is updated and ready: the update revision becomes the
 * current one, which is what `kubectl rollout status` waits for.
 */
final class StatefulSetStatusCalculator {

    private StatefulSetStatusCalculator() {}

    static StatefulSetStatus calculate(StatefulSet set, List<Pod> pods, String currentRevision, String updateRevision,
                                       int collisionCount, int minReadySeconds, Instant now) {
        int replicas = 0;
        int ready = 0;
        int available = 0;
        int current = 0;
        int updated = 0;
        for (Pod pod : pods) {
            replicas++;
            if (runningAndReady(pod)) {
                ready++;
                available += PodReadiness.isAvailable(pod, minReadySeconds, now) ? 1 : 0;
            }
            if (pod.getMetadata().getDeletionTimestamp() == null) {
                String revision = ControllerRevisions.hash(pod);
                current += currentRevision.equals(revision) ? 1 : 0;
                updated += updateRevision.equals(revision) ? 1 : 0;
            }
        }
        StatefulSetStatus status = new StatefulSetStatus();
        status.setObservedGeneration(set.getMetadata().getGeneration());
        status.setReplicas(replicas);
        status.setReadyReplicas(ready);
        status.setAvailableReplicas(available);
        status.setCurrentReplicas(current);
        status.setUpdatedReplicas(updated);
        status.setCurrentRevision(currentRevision);
        status.setUpdateRevision(updateRevision);
        status.setCollisionCount(collisionCount);
        status.setConditions(set.getStatus() == null ? null : set.getStatus().getConditions());
        boolean rolling = set.getSpec().getUpdateStrategy() == null
                || !"OnDelete".equals(set.getSpec().getUpdateStrategy().getType());
        if (rolling && updated == replicas && ready == replicas) {
            status.setCurrentReplicas(updated);
            status.setCurrentRevision(updateRevision);
        }
        return status;
    }

    static boolean runningAndReady(Pod pod) {
        return pod.getStatus() != null && "Running".equals(pod.getStatus().getPhase()) && PodReadiness.isReady(pod);
    }

    static boolean unchanged(StatefulSet set, StatefulSetStatus status) {
        StatefulSetStatus old = set.getStatus();
        return old != null && Objects.equals(old.getObservedGeneration(), status.getObservedGeneration())
                && zero(old.getReplicas()) == status.getReplicas()
                && zero(old.getReadyReplicas()) == status.getReadyReplicas()
                && zero(old.getAvailableReplicas()) == status.getAvailableReplicas()
                && zero(old.getCurrentReplicas()) == status.getCurrentReplicas()
                && zero(old.getUpdatedReplicas()) == status.getUpdatedReplicas()
                && Objects.equals(old.getCurrentRevision(), status.getCurrentRevision())
                && Objects.equals(old.getUpdateRevision(), status.getUpdateRevision())
                && zero(old.getCollisionCount()) == status.getCollisionCount();
    }

    private static int zero(Integer value) {
        return value == null ? 0 : value;
    }
}
