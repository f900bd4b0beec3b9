package dev.j8s.controllers.job;

import dev.j8s.controllers.framework.Conditions;
import dev.j8s.controllers.framework.Timestamps;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import java.time.Instant;
import java.util.List;

/**
 * Job condition types and how they are set. Kubernetes 1.32 first adds the interim
 * SuccessCriteriaMet / FailureTarget, then the terminal Complete / Failed (what
 * {@code kubectl wait --for=condition=complete} waits for) once no pod of the Job still runs.
 */
final class JobConditions {

    static final String COMPLETE = "Complete";
    static final String FAILED = "Failed";
    static final String SUCCESS_CRITERIA_MET = "SuccessCriteriaMet";
    static final String FAILURE_TARGET = "FailureTarget";
    static final String SUSPENDED = "Suspended";

    static final Conditions<JobCondition> CONDITIONS = new Conditions<>(JobCondition::getType,
            JobCondition::getStatus, JobCondition::getReason, JobCondition::getLastTransitionTime,
            JobCondition::setLastTransitionTime);

    private JobConditions() {}

    static boolean isTrue(List<JobCondition> conditions, String type) {
        return CONDITIONS.find(conditions, type).map(c -> "True".equals(c.getStatus())).orElse(false);
    }

    static JobCondition of(String type, String status, String reason, String message, Instant now) {
        String time = Timestamps.format(now);
        return new JobConditionBuilder().withType(type).withStatus(status).withReason(reason).withMessage(message)
                .withLastProbeTime(time).withLastTransitionTime(time).build();
    }
}
