package dev.j8s.scheduler.framework;

/** Decides whether the pod may run on one node; called for many nodes per cycle, so it must be cheap. */
public interface FilterPlugin extends Plugin {
    Status filter(CycleState state, PodInfo pod, NodeInfo node);
}
