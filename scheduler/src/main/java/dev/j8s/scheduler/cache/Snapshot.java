package dev.j8s.scheduler.cache;

import dev.j8s.scheduler.framework.NodeInfo;
import dev.j8s.scheduler.framework.NodeInfoLister;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The cluster as one scheduling cycle sees it (Kubernetes' {@code cache.Snapshot}). Refreshed by
 * {@link SchedulerCache#updateSnapshot} before each cycle: only nodes whose generation moved are
 * copied, and the copies are updated in place so the node lists need rebuilding only when nodes
 * come, go, or gain/lose pods with affinity.
 */
public final class Snapshot implements NodeInfoLister {

    final Map<String, NodeInfo> nodeInfoMap = new HashMap<>();
    List<NodeInfo> nodeInfoList = List.of();
    List<NodeInfo> havePodsWithAffinity = List.of();
    List<NodeInfo> havePodsWithRequiredAntiAffinity = List.of();
    Map<String, Integer> imageNodeCounts = Map.of();
    long generation;
    long imagesGeneration = -1;

    /** A snapshot of the given nodes in the given order, for plugin tests that need no cache. */
    public static Snapshot of(List<NodeInfo> nodes) {
        Snapshot snapshot = new Snapshot();
        Map<String, Integer> images = new HashMap<>();
        for (NodeInfo node : nodes) {
            snapshot.nodeInfoMap.put(node.name(), node);
            node.imageSizes().keySet().forEach(image -> images.merge(image, 1, Integer::sum));
        }
        snapshot.setLists(nodes);
        snapshot.imageNodeCounts = images;
        return snapshot;
    }

    void rebuildLists(Iterable<String> nodeOrder) {
        List<NodeInfo> added = new ArrayList<>(nodeInfoMap.size());
        for (String name : nodeOrder) {
            NodeInfo node = nodeInfoMap.get(name);
            if (node != null) {
                added.add(node);
            }
        }
        setLists(ZoneInterleaving.interleave(added));
    }

    /** Lists the nodes in exactly this order. */
    private void setLists(List<NodeInfo> all) {
        List<NodeInfo> affinity = new ArrayList<>();
        List<NodeInfo> antiAffinity = new ArrayList<>();
        for (NodeInfo node : all) {
            if (!node.podsWithAffinity().isEmpty()) {
                affinity.add(node);
            }
            if (!node.podsWithRequiredAntiAffinity().isEmpty()) {
                antiAffinity.add(node);
            }
        }
        nodeInfoList = all;
        havePodsWithAffinity = affinity;
        havePodsWithRequiredAntiAffinity = antiAffinity;
    }

    @Override
    public List<NodeInfo> list() {
        return nodeInfoList;
    }

    @Override
    public List<NodeInfo> havePodsWithAffinity() {
        return havePodsWithAffinity;
    }

    @Override
    public List<NodeInfo> havePodsWithRequiredAntiAffinity() {
        return havePodsWithRequiredAntiAffinity;
    }

    @Override
    public NodeInfo get(String nodeName) {
        return nodeInfoMap.get(nodeName);
    }

    @Override
    public int nodesWithImage(String image) {
        return imageNodeCounts.getOrDefault(image, 0);
    }

    public int numNodes() {
        return nodeInfoList.size();
    }

    public long generation() {
        return generation;
    }
}
