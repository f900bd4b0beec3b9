package dev.j8s.scheduler.framework;

import java.time.Duration;

/** Approves, rejects or delays the binding of a pod (gang scheduling, quotas). */
public interface PermitPlugin extends Plugin {

    /** A permit decision; {@code timeout} matters only when the status code is {@link Code#WAIT}. */
    record Decision(Status status, Duration timeout) {
        public static final Decision ALLOW = new Decision(Status.SUCCESS, Duration.ZERO);
    }

    Decision permit(CycleState state, PodInfo pod, String nodeName);
}
