package dev.j8s.scheduler;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Kubernetes' {@code nodeSchedulingPropertiesChange}: a node update matters to pending pods only
 * when its labels, taints, schedulability, allocatable, images, annotations or the status of its
 * conditions change (not their heartbeat times).
 */
final class NodeChanges {

    private NodeChanges() {
    }

    static boolean affectScheduling(Node before, Node after) {
        return changed(before, after, n -> n.getMetadata().getLabels())
                || changed(before, after, n -> n.getMetadata().getAnnotations())
                || changed(before, after, n -> n.getSpec() == null ? null : n.getSpec().getTaints())
                || changed(before, after, n -> n.getSpec() == null ? null : n.getSpec().getUnschedulable())
                || changed(before, after, n -> n.getStatus() == null ? null : n.getStatus().getAllocatable())
                || changed(before, after, n -> n.getStatus() == null ? null : n.getStatus().getImages())
                || changed(before, after, NodeChanges::conditionStatuses);
    }

    private static boolean changed(Node before, Node after, Function<Node, Object> property) {
        return !Objects.equals(property.apply(before), property.apply(after));
    }

    private static Map<String, String> conditionStatuses(Node node) {
        List<NodeCondition> conditions = node.getStatus() == null ? null : node.getStatus().getConditions();
        if (conditions == null) {
            return Map.of();
        }
        Map<String, String> statuses = new java.util.HashMap<>();
        conditions.forEach(c -> statuses.put(c.getType(), c.getStatus()));
        return statuses;
    }
}
