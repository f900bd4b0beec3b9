package dev.j8s.scheduler.framework;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Why each node was rejected (Kubernetes' {@code NodeToStatus}): explicit statuses for nodes the
 * Filter plugins saw, and one status standing for all the others (a PreFilter rejection applies to
 * every node; nodes preemption did not consider are "not helpful").
 */
public final class NodeToStatus {

    private final Map<String, Status> explicit = new HashMap<>();
    private Status absent = Status.unresolvable();

    public void put(String nodeName, Status status) {
        explicit.put(nodeName, status);
    }

    public Status get(String nodeName) {
        return explicit.getOrDefault(nodeName, absent);
    }

    public Map<String, Status> explicit() {
        return explicit;
    }

    public Status absent() {
        return absent;
    }

    public void setAbsent(Status absent) {
        this.absent = absent;
    }

    public int size() {
        return explicit.size();
    }

    /** The nodes whose status has {@code code}, in list order (preemption looks at UNSCHEDULABLE ones). */
    public List<NodeInfo> nodesWithCode(Code code, List<NodeInfo> all) {
        List<NodeInfo> result = new ArrayList<>();
        for (NodeInfo node : all) {
            if (get(node.name()).code() == code) {
                result.add(node);
            }
        }
        return result;
    }
}
