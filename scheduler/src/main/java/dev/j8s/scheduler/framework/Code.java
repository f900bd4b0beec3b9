package dev.j8s.scheduler.framework;

/** The outcome kinds of a plugin call, as Kubernetes' {@code framework.Code}. */
public enum Code {
    SUCCESS,
    /** Kubernetes' Error: an internal failure, not a property of the node; the pod is retried with backoff. */
    ERROR,
    /** The node does not fit now, but preemption (removing pods) might make it fit. */
    UNSCHEDULABLE,
    /** The node does not fit and removing pods would not help: preemption skips it. */
    UNSCHEDULABLE_AND_UNRESOLVABLE,
    /** A Permit plugin asks the binding cycle to wait. */
    WAIT,
    /** PreFilter/PreScore: the plugin has nothing to say about this pod; its Filter/Score are not called. */
    SKIP
}
