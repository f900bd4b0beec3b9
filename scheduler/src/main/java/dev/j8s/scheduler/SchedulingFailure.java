package dev.j8s.scheduler;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;

/**
 * Why a pod was not scheduled, in the shape of the PodScheduled condition Kubernetes writes:
 * {@code reason} is "Unschedulable" when no node fits (the message is the {@code FitError} text)
 * or "SchedulerError" for internal and binding failures. {@code nominatedNodeName} is the node
 * preemption chose ("" clears an old nomination, null leaves it), {@code victims} the pods to delete.
 */
public record SchedulingFailure(String reason, String message, String nominatedNodeName, List<Pod> victims) {

    public static final String UNSCHEDULABLE = "Unschedulable";
    public static final String SCHEDULER_ERROR = "SchedulerError";

    public SchedulingFailure {
        victims = List.copyOf(victims);
    }

    static SchedulingFailure error(String message) {
        return new SchedulingFailure(SCHEDULER_ERROR, message, null, List.of());
    }
}
