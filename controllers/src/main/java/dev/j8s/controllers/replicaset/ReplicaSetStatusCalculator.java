package dev.j8s.controllers.replicaset;

import dev.j8s.controllers.framework.Conditions;
import dev.j8s.controllers.framework.PodReadiness;
import dev.j8s.controllers.framework.Timestamps;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetCondition;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A ReplicaSet's status from the pods it owns (replica_set_utils.go calculateStatus). */
final class ReplicaSetStatusCalculator {

    static final String REPLICA_FAILURE = "ReplicaFailure";

    static final Conditions<ReplicaSetCondition> CONDITIONS = new Conditions<>(ReplicaSetCondition::getType,
            ReplicaSetCondition::getStatus, ReplicaSetCondition::getReason,
            ReplicaSetCondition::getLastTransitionTime, ReplicaSetCondition::setLastTransitionTime);

    private ReplicaSetStatusCalculator() {}

    /**
     * @param pods         the active pods the ReplicaSet owns
     * @param manageError  why creating or deleting pods failed this time, or null
     * @param wantedMore   whether the failed action was a scale up (FailedCreate) or down (FailedDelete)
     */
    static ReplicaSetStatus calculate(ReplicaSet rs, List<Pod> pods, Exception manageError, boolean wantedMore,
                                      Instant now) {
        Map<String, String> templateLabels = rs.getSpec().getTemplate() == null
                || rs.getSpec().getTemplate().getMetadata() == null
                || rs.getSpec().getTemplate().getMetadata().getLabels() == null
                ? Map.of() : rs.getSpec().getTemplate().getMetadata().getLabels();
        int minReadySeconds = rs.getSpec().getMinReadySeconds() == null ? 0 : rs.getSpec().getMinReadySeconds();
        int fullyLabeled = 0;
        int ready = 0;
        int available = 0;
        for (Pod pod : pods) {
            Map<String, String> labels = pod.getMetadata().getLabels() == null ? Map.of() : pod.getMetadata().getLabels();
            if (hasAll(labels, templateLabels)) {
                fullyLabeled++;
            }
            if (PodReadiness.isReady(pod)) {
                ready++;
                if (PodReadiness.isAvailable(pod, minReadySeconds, now)) {
                    available++;
                }
            }
        }
        ReplicaSetStatus old = rs.getStatus() == null ? new ReplicaSetStatus() : rs.getStatus();
        List<ReplicaSetCondition> conditions = old.getConditions();
        boolean hasFailure = CONDITIONS.find(conditions, REPLICA_FAILURE).isPresent();
        if (manageError != null && !hasFailure) {
            conditions = CONDITIONS.set(conditions, new ReplicaSetConditionBuilder().withType(REPLICA_FAILURE)
                    .withStatus("True").withReason(wantedMore ? "FailedCreate" : "FailedDelete")
                    .withMessage(manageError.getMessage()).withLastTransitionTime(Timestamps.format(now)).build());
        } else if (manageError == null && hasFailure) {
            conditions = CONDITIONS.remove(conditions, REPLICA_FAILURE);
        }
        ReplicaSetStatus status = new ReplicaSetStatus();
        status.setReplicas(pods.size());
        status.setFullyLabeledReplicas(fullyLabeled);
        status.setReadyReplicas(ready);
        status.setAvailableReplicas(available);
        status.setObservedGeneration(old.getObservedGeneration());
        status.setConditions(conditions == null || conditions.isEmpty() ? null : conditions);
        return status;
    }

    /** Every label of {@code wanted} is in {@code labels} with the same value (run per pod per sync: no entry views). */
    private static boolean hasAll(Map<String, String> labels, Map<String, String> wanted) {
        for (Map.Entry<String, String> label : wanted.entrySet()) {
            String value = labels.get(label.getKey());
            if (value == null ? label.getValue() != null || !labels.containsKey(label.getKey())
                    : !value.equals(label.getValue())) {
                return false;
            }
        }
        return true;
    }

    /** Whether writing {@code next} would change anything (replica_set_utils.go updateReplicaSetStatus). */
    static boolean unchanged(ReplicaSet rs, ReplicaSetStatus next) {
        ReplicaSetStatus old = rs.getStatus() == null ? new ReplicaSetStatus() : rs.getStatus();
        return zero(old.getReplicas()) == zero(next.getReplicas())
                && zero(old.getFullyLabeledReplicas()) == zero(next.getFullyLabeledReplicas())
                && zero(old.getReadyReplicas()) == zero(next.getReadyReplicas())
                && zero(old.getAvailableReplicas()) == zero(next.getAvailableReplicas())
                && Objects.equals(rs.getMetadata().getGeneration(), old.getObservedGeneration())
                && Objects.equals(emptyToNull(old.getConditions()), emptyToNull(next.getConditions()));
    }

    private static int zero(Integer value) {
        return value == null ? 0 : value;
    }

    private static <C> List<C> emptyToNull(List<C> list) {
        return list == null || list.isEmpty() ? null : list;
    }
}
