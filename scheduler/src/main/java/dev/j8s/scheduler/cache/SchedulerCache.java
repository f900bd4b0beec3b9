package dev.j8s.scheduler.cache;

import dev.j8s.scheduler.framework.NodeInfo;
import dev.j8s.scheduler.framework.PodInfo;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The scheduler's view of nodes and the pods bound (or about to be bound) to them (Kubernetes'
 * {@code internal/cache}). Fed by node and assigned-pod events; the scheduler "assumes" a pod on
 * its chosen node right away so the next cycle already counts it, "forgets" it if binding fails,
 * and the pod's own add/update event confirms it. Thread-safe: events, the scheduling thread and
 * the binding threads all call in.
 *
 * <p>Every change stamps the NodeInfo with a new generation and moves it to the end of
 * {@link #nodes}, so {@link #updateSnapshot} walks from the end and stops at the first node the
 * snapshot already has: a cycle copies only what changed since the previous one.
 */
public final class SchedulerCache {

    private record PodState(PodInfo pod, String nodeName) {
    }

    private final LinkedHashMap<String, NodeInfo> nodes = new LinkedHashMap<>();
    /** Real nodes in the order they were added: the order cycles walk them in. */
    private final LinkedHashSet<String> nodeOrder = new LinkedHashSet<>();
    private final Map<String, PodState> pods = new HashMap<>();
    private final Set<String> assumed = new HashSet<>();
    private final Map<String, Integer> imageNodeCounts = new HashMap<>();
    private long generation;
    private long imagesGeneration;

    /** Adds or replaces the node; returns the node object it replaced, or null. */
    public synchronized Node addNode(Node node) {
        String name = node.getMetadata().getName();
        NodeInfo info = nodes.get(name);
        if (info == null) {
            info = NodeInfo.placeholder(name);
        }
        Node previous = info.node();
        if (previous != null) {
            countImages(info, -1);
        }
        info.setNode(node);
        countImages(info, 1);
        nodeOrder.add(name);
        touch(info);
        return previous;
    }

    /** Same as {@link #addNode}: returns the previous node object so callers can tell what changed. */
    public synchronized Node updateNode(Node node) {
        return addNode(node);
    }

    public synchronized void removeNode(Node node) {
        String name = node.getMetadata().getName();
        NodeInfo info = nodes.get(name);
        if (info == null || info.node() == null) {
            return;
        }
        countImages(info, -1);
        nodeOrder.remove(name);
        info.clearNode();
        // pods still naming the node keep a placeholder until their own deletion arrives
        touch(info);
        if (info.pods().isEmpty()) {
            nodes.remove(name);
        }
    }

    /** An assigned pod appeared; if the scheduler had assumed it, this confirms the assumption. */
    public synchronized void addPod(Pod pod) {
        PodInfo info = PodInfo.of(pod);
        if (info.nodeName() == null || info.nodeName().isEmpty()) {
            return;
        }
        PodState existing = pods.get(info.key());
        if (existing != null) {
            removeFromNode(existing);
        }
        assumed.remove(info.key());
        addToNode(info, info.nodeName());
    }

    public synchronized void updatePod(Pod pod) {
        addPod(pod);
    }

    public synchronized void removePod(Pod pod) {
        String key = PodInfo.keyOf(pod);
        PodState existing = pods.remove(key);
        assumed.remove(key);
        if (existing != null) {
            removeFromNode(existing);
        }
    }

    /** Counts the pod on {@code nodeName} before the bind call returns (Kubernetes' AssumePod). */
    public synchronized void assumePod(PodInfo pod, String nodeName) {
        if (pods.containsKey(pod.key())) {
            throw new IllegalStateException("pod " + pod + " is already in the cache, so can't be assumed");
        }
        assumed.add(pod.key());
        addToNode(pod, nodeName);
    }

    /** Undoes {@link #assumePod} after a failed binding; a no-op if the pod was confirmed meanwhile. */
    public synchronized void forgetPod(PodInfo pod) {
        if (!assumed.remove(pod.key())) {
            return;
        }
        PodState state = pods.remove(pod.key());
        if (state != null) {
            removeFromNode(state);
        }
    }

    public synchronized boolean isAssumed(String podKey) {
        return assumed.contains(podKey);
    }

    public synchronized boolean hasPod(String podKey) {
        return pods.containsKey(podKey);
    }

    public synchronized int nodeCount() {
        return nodeOrder.size();
    }

    /** Brings {@code snapshot} up to date, copying only the nodes that changed since its last update. */
    public synchronized void updateSnapshot(Snapshot snapshot) {
        boolean rebuildLists = false;
        for (NodeInfo info : nodes.sequencedValues().reversed()) {
            if (info.generation() <= snapshot.generation) {
                break;
            }
            if (info.node() == null) {
                rebuildLists |= snapshot.nodeInfoMap.remove(info.name()) != null;
                continue;
            }
            NodeInfo copy = snapshot.nodeInfoMap.get(info.name());
            if (copy == null) {
                copy = new NodeInfo();
                snapshot.nodeInfoMap.put(info.name(), copy);
                rebuildLists = true;
            } else if (copy.podsWithAffinity().isEmpty() != info.podsWithAffinity().isEmpty()
                    || copy.podsWithRequiredAntiAffinity().isEmpty() != info.podsWithRequiredAntiAffinity().isEmpty()
                    || !ZoneInterleaving.zoneKey(copy).equals(ZoneInterleaving.zoneKey(info))) {
                rebuildLists = true;
            }
            copy.copyFrom(info);
        }
        if (snapshot.nodeInfoMap.size() > nodeOrder.size()) {
            // nodes removed entirely from the cache left no trace to walk over
            snapshot.nodeInfoMap.keySet().retainAll(nodeOrder);
            rebuildLists = true;
        }
        if (rebuildLists) {
            snapshot.rebuildLists(nodeOrder);
        }
        if (snapshot.imagesGeneration != imagesGeneration) {
            snapshot.imageNodeCounts = Map.copyOf(imageNodeCounts);
            snapshot.imagesGeneration = imagesGeneration;
        }
        snapshot.generation = generation;
    }

    private void addToNode(PodInfo pod, String nodeName) {
        NodeInfo info = nodes.get(nodeName);
        if (info == null) {
            info = NodeInfo.placeholder(nodeName);
        }
        info.addPod(pod);
        pods.put(pod.key(), new PodState(pod, nodeName));
        touch(info);
    }

    private void removeFromNode(PodState state) {
        NodeInfo info = nodes.get(state.nodeName());
        if (info == null) {
            return;
        }
        info.removePod(state.pod());
        touch(info);
        if (info.node() == null && info.pods().isEmpty()) {
            nodes.remove(state.nodeName());
        }
    }

    private void touch(NodeInfo info) {
        info.setGeneration(++generation);
        nodes.putLast(info.name(), info);
    }

    private void countImages(NodeInfo info, int delta) {
        if (info.imageSizes().isEmpty()) {
            return;
        }
        for (String image : info.imageSizes().keySet()) {
            imageNodeCounts.merge(image, delta, (a, b) -> a + b == 0 ? null : a + b);
        }
        imagesGeneration++;
    }
}
