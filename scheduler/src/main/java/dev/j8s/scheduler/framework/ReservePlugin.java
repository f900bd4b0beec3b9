package dev.j8s.scheduler.framework;

/**
 * Reserves resources of the chosen node for the pod before binding; {@link #unreserve} undoes it
 * when a later step fails (it must be idempotent, as Kubernetes requires).
 */
public interface ReservePlugin extends Plugin {
    Status reserve(CycleState state, PodInfo pod, String nodeName);

    void unreserve(CycleState state, PodInfo pod, String nodeName);
}
