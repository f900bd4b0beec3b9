package dev.j8s.controllers.nodelifecycle;

import dev.j8s.controllers.framework.Timestamps;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The node's Ready condition as the heartbeat calls for it (nodelifecycle's tryUpdateNodeHealth).
 * Overdue: Ready becomes Unknown with reason NodeStatusUnknown (NodeStatusNeverUpdated when the
 * kubelet never posted one), keeping its last heartbeat. Heartbeating again: a Ready=Unknown this
 * controller wrote goes back to True. In Kubernetes the kubelet posts that True itself; j8s agents
 * heartbeat only with their Lease, so the controller restores it. A Ready the agent wrote (True, or
 * False for a reason of its own) is left alone. The other conditions are untouched: j8s agents post
 * them only at registration and no one would set them back from Unknown.
 */
public final class NodeReadyCondition {

    public static final String READY = "Ready";
    static final String STATUS_UNKNOWN = "NodeStatusUnknown";
    static final String STATUS_UNKNOWN_MESSAGE = "Kubelet stopped posting node status.";
    static final String NEVER_UPDATED = "NodeStatusNeverUpdated";
    static final String NEVER_UPDATED_MESSAGE = "Kubelet never posted node status.";
    static final String KUBELET_READY = "KubeletReady";
    static final String KUBELET_READY_MESSAGE = "kubelet is posting ready status";

    private NodeReadyCondition() {}

    /** The conditions with Ready brought in line with the heartbeat; the same list when nothing changes. */
    public static List<NodeCondition> update(List<NodeCondition> conditions, boolean overdue, Instant now) {
        List<NodeCondition> current = conditions == null ? List.of() : conditions;
        Optional<NodeCondition> ready = find(current);
        String time = Timestamps.format(now);
        NodeCondition wanted;
        if (overdue) {
            if (ready.isPresent() && "Unknown".equals(ready.get().getStatus())) {
                return conditions;
            }
            wanted = ready.isPresent()
                    ? new NodeConditionBuilder(ready.get()).withStatus("Unknown").withReason(STATUS_UNKNOWN)
                            .withMessage(STATUS_UNKNOWN_MESSAGE).withLastTransitionTime(time).build()
                    : new NodeConditionBuilder().withType(READY).withStatus("Unknown").withReason(NEVER_UPDATED)
                            .withMessage(NEVER_UPDATED_MESSAGE).withLastHeartbeatTime(time)
                            .withLastTransitionTime(time).build();
        } else {
            if (ready.isEmpty() || !setByController(ready.get())) {
                return conditions;
            }
            wanted = new NodeConditionBuilder(ready.get()).withStatus("True").withReason(KUBELET_READY)
                    .withMessage(KUBELET_READY_MESSAGE).withLastHeartbeatTime(time).withLastTransitionTime(time)
                    .build();
        }
        List<NodeCondition> out = new ArrayList<>(current.size() + 1);
        for (NodeCondition c : current) {
            if (!READY.equals(c.getType())) {
                out.add(c);
            }
        }
        out.add(wanted);
        return out;
    }

    /** The Ready status ("True", "False", "Unknown"), Unknown without a Ready condition. */
    public static String status(List<NodeCondition> conditions) {
        return find(conditions == null ? List.of() : conditions).map(NodeCondition::getStatus).orElse("Unknown");
    }

    private static boolean setByController(NodeCondition ready) {
        return "Unknown".equals(ready.getStatus())
                && (STATUS_UNKNOWN.equals(ready.getReason()) || NEVER_UPDATED.equals(ready.getReason()));
    }

    private static Optional<NodeCondition> find(List<NodeCondition> conditions) {
        return conditions.stream().filter(c -> READY.equals(c.getType())).findFirst();
    }
}
