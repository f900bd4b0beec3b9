package dev.j8s.scheduler.queue;

import java.util.Set;

/**
 * Cluster changes that may make an unschedulable pod schedulable (Kubernetes'
 * {@code framework.ClusterEvent}), each with the plugins whose rejections it can undo, as the
 * plugins' EventsToRegister declare: a pod rejected only by other plugins stays parked.
 */
public enum ClusterEvent {
    /** A new node can satisfy anything. */
    NODE_ADD(null),
    /** Labels, taints, allocatable or schedulability of a node changed. */
    NODE_UPDATE(null),
    /** A bound pod went away: frees resources and ports, changes affinity and spread counts. */
    ASSIGNED_POD_DELETE(Set.of("NodeResourcesFit", "NodePorts", "InterPodAffinity", "PodTopologySpread")),
    /** A pod was bound: may satisfy someone's pod affinity or change topology spread. */
    ASSIGNED_POD_ADD(Set.of("InterPodAffinity", "PodTopologySpread")),
    /** A binding failed and the assumed pod's resources were released. */
    FORGET_POD(Set.of("NodeResourcesFit", "NodePorts", "InterPodAffinity", "PodTopologySpread")),
    /** Namespace labels changed: namespaceSelectors of affinity terms may now match. */
    NAMESPACE_CHANGE(Set.of("InterPodAffinity"));

    private final Set<String> plugins;

    ClusterEvent(Set<String> plugins) {
        this.plugins = plugins;
    }

    /** Whether the event can help a pod these plugins rejected (no recorded plugin: always retry). */
    public boolean mayHelp(Set<String> unschedulablePlugins) {
        if (plugins == null || unschedulablePlugins.isEmpty()) {
            return true;
        }
        for (String plugin : unschedulablePlugins) {
            if (plugins.contains(plugin)) {
                return true;
            }
        }
        return false;
    }
}
