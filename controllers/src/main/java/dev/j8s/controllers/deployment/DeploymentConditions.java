package dev.j8s.controllers.deployment;

import dev.j8s.controllers.framework.Conditions;
import dev.j8s.controllers.framework.Timestamps;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import java.time.Instant;

/** Deployment condition types and the reasons Kubernetes gives them (deployment util), which kubectl reads. */
final class DeploymentConditions {

    static final String AVAILABLE = "Available";
    static final String PROGRESSING = "Progressing";
    static final String REPLICA_FAILURE = "ReplicaFailure";

    static final String MINIMUM_REPLICAS_AVAILABLE = "MinimumReplicasAvailable";
    static final String MINIMUM_REPLICAS_UNAVAILABLE = "MinimumReplicasUnavailable";
    static final String NEW_RS_AVAILABLE = "NewReplicaSetAvailable";
    static final String RS_UPDATED = "ReplicaSetUpdated";
    static final String NEW_RS_CREATED = "NewReplicaSetCreated";
    static final String FOUND_NEW_RS = "FoundNewReplicaSet";
    static final String FAILED_RS_CREATE = "ReplicaSetCreateError";
    static final String TIMED_OUT = "ProgressDeadlineExceeded";
    static final String PAUSED = "DeploymentPaused";
    static final String RESUMED = "DeploymentResumed";

    static final Conditions<DeploymentCondition> CONDITIONS = new Conditions<>(DeploymentCondition::getType,
            DeploymentCondition::getStatus, DeploymentCondition::getReason,
            DeploymentCondition::getLastTransitionTime, DeploymentCondition::setLastTransitionTime);

    private DeploymentConditions() {}

    static DeploymentCondition condition(String type, String status, String reason, String message, Instant now) {
        String at = Timestamps.format(now);
        return new DeploymentConditionBuilder().withType(type).withStatus(status).withReason(reason)
                .withMessage(message).withLastUpdateTime(at).withLastTransitionTime(at).build();
    }
}
