package dev.j8s.scheduler.framework;

/** Binds the pod to the node; {@link Status#SKIP} passes the pod to the next bind plugin. */
public interface BindPlugin extends Plugin {
    Status bind(CycleState state, PodInfo pod, String nodeName);
}
