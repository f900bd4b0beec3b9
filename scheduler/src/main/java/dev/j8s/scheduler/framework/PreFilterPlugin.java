package dev.j8s.scheduler.framework;

/** Runs once per cycle before Filter: precomputes state, or rejects the pod for every node at once. */
public interface PreFilterPlugin extends Plugin {

    PreFilterResult preFilter(CycleState state, PodInfo pod, NodeInfoLister nodes);

    /**
     * Kubernetes' {@code PreFilterExtensions.AddPod}: preemption simulates adding {@code added} to
     * {@code node}; a plugin whose PreFilter state counts pods must update it.
     */
    default void addPod(CycleState state, PodInfo podToSchedule, PodInfo added, NodeInfo node) {
    }

    /** Kubernetes' {@code PreFilterExtensions.RemovePod}: the counterpart of {@link #addPod}. */
    default void removePod(CycleState state, PodInfo podToSchedule, PodInfo removed, NodeInfo node) {
    }
}
