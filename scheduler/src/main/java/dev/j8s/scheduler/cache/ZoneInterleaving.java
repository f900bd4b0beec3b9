package dev.j8s.scheduler.cache;

import dev.j8s.scheduler.framework.NodeInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Kubernetes' {@code nodeTree} order: one node from each zone in turn (zones in the order first
 * seen, nodes in the order added). The scheduler filters only until it has enough feasible nodes,
 * so without this a search could see a single zone and spread constraints would be blind.
 */
final class ZoneInterleaving {

    static final String ZONE = "topology.kubernetes.io/zone";
    static final String REGION = "topology.kubernetes.io/region";

    private ZoneInterleaving() {
    }

    static List<NodeInfo> interleave(List<NodeInfo> nodes) {
        Map<String, List<NodeInfo>> byZone = new LinkedHashMap<>();
        for (NodeInfo node : nodes) {
            byZone.computeIfAbsent(zoneKey(node), z -> new ArrayList<>()).add(node);
        }
        if (byZone.size() <= 1) {
            return nodes;
        }
        List<List<NodeInfo>> zones = new ArrayList<>(byZone.values());
        List<NodeInfo> ordered = new ArrayList<>(nodes.size());
        for (int i = 0; ordered.size() < nodes.size(); i++) {
            for (List<NodeInfo> zone : zones) {
                if (i < zone.size()) {
                    ordered.add(zone.get(i));
                }
            }
        }
        return ordered;
    }

    /** Kubernetes' {@code GetZoneKey}: region and zone; nodes with neither share one bucket. */
    static String zoneKey(NodeInfo node) {
        String region = node.labels().getOrDefault(REGION, "");
        String zone = node.labels().getOrDefault(ZONE, "");
        return region.isEmpty() && zone.isEmpty() ? "" : region + ":\u0000:" + zone;
    }
}
