package dev.j8s.scheduler.framework;

/** What the framework offers plugins that need to rerun other plugins (preemption's what-if runs). */
public interface Handle {

    NodeInfoLister nodes();

    /** The node preemption nominated the pod to earlier, or null. */
    String nominatedNodeName(PodInfo pod);

    /** All Filter plugins on {@code node}, stopping at the first rejection. */
    Status runFilterPlugins(CycleState state, PodInfo pod, NodeInfo node);

    /** {@link #runFilterPlugins} accounting for pods preemption nominated to the node. */
    Status runFilterPluginsWithNominatedPods(CycleState state, PodInfo pod, NodeInfo node);

    void runPreFilterAddPod(CycleState state, PodInfo podToSchedule, PodInfo added, NodeInfo node);

    void runPreFilterRemovePod(CycleState state, PodInfo podToSchedule, PodInfo removed, NodeInfo node);
}
