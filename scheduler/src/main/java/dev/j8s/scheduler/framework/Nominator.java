package dev.j8s.scheduler.framework;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Pods nominated to a node by preemption, waiting for their victims to go (Kubernetes'
 * {@code PodNominator}). Filtering counts them on their node for pods of lower or equal priority,
 * so the room preemption made is not taken by someone else meanwhile.
 */
public final class Nominator {

    private final Map<String, List<PodInfo>> byNode = new HashMap<>();
    private final Map<String, String> nodeOfPod = new HashMap<>();

    public synchronized void add(PodInfo pod, String nodeName) {
        remove(pod.key());
        byNode.computeIfAbsent(nodeName, n -> new ArrayList<>()).add(pod);
        nodeOfPod.put(pod.key(), nodeName);
    }

    public synchronized void remove(String podKey) {
        String node = nodeOfPod.remove(podKey);
        if (node == null) {
            return;
        }
        List<PodInfo> pods = byNode.get(node);
        pods.removeIf(p -> p.key().equals(podKey));
        if (pods.isEmpty()) {
            byNode.remove(node);
        }
    }

    /** The node the pod is nominated to, or null. */
    public synchronized String nominatedNode(String podKey) {
        return nodeOfPod.get(podKey);
    }

    /** Pods nominated to {@code nodeName} that {@code pod} must leave room for: others of priority >= its own. */
    public synchronized List<PodInfo> nominatedFor(String nodeName, PodInfo pod) {
        List<PodInfo> pods = byNode.get(nodeName);
        if (pods == null) {
            return List.of();
        }
        List<PodInfo> result = new ArrayList<>(pods.size());
        for (PodInfo nominated : pods) {
            if (nominated.priority() >= pod.priority() && !nominated.key().equals(pod.key())) {
                result.add(nominated);
            }
        }
        return result;
    }

    public synchronized boolean isEmpty() {
        return nodeOfPod.isEmpty();
    }
}
