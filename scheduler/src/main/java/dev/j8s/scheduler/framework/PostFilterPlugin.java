package dev.j8s.scheduler.framework;

/** Runs when no node passed Filter (preemption is the default one). */
public interface PostFilterPlugin extends Plugin {
    PostFilterResult postFilter(CycleState state, PodInfo pod, NodeToStatus filteredNodes, Handle handle);
}
