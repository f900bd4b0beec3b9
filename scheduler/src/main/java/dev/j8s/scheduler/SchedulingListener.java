package dev.j8s.scheduler;

import io.fabric8.kubernetes.api.model.Pod;

/**
 * Where the scheduler reports outcomes so its caller can write them to the API: the
 * PodScheduled=False condition with the failure's reason and message, the nominated node, and the
 * deletion of preemption victims. Called on scheduling and binding threads; must not block long.
 */
public interface SchedulingListener {

    SchedulingListener NONE = new SchedulingListener() {
    };

    /** The binding of {@code pod} to {@code nodeName} succeeded. */
    default void scheduled(Pod pod, String nodeName) {
    }

    /** The pod could not be scheduled (or bound) this time; it stays queued for a retry. */
    default void unschedulable(Pod pod, SchedulingFailure failure) {
    }
}
