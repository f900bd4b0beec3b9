package dev.j8s.controllers.daemonset;

import dev.j8s.api.selector.Operator;
import dev.j8s.api.selector.Requirement;
import dev.j8s.controllers.nodelifecycle.TaintEviction;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSelector;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;
import java.util.Map;

/**
 * Whether a node should run a DaemonSet's pod (daemon_controller.go NodeShouldRunDaemonPod): the
 * template's nodeName (if any), nodeSelector and required node affinity must match the node, and
 * every NoSchedule/NoExecute taint must be tolerated, default daemon tolerations included. A pod
 * already there may stay on a node whose only untolerated taints are NoSchedule.
 */
record DaemonNodeEligibility(boolean shouldRun, boolean shouldContinueRunning) {

    static final DaemonNodeEligibility RUN = new DaemonNodeEligibility(true, true);
    static final DaemonNodeEligibility NEVER = new DaemonNodeEligibility(false, false);

    static DaemonNodeEligibility of(PodSpec template, Node node) {
        String nodeName = node.getMetadata().getName();
        if (template.getNodeName() != null && !template.getNodeName().isEmpty()
                && !template.getNodeName().equals(nodeName)) {
            return NEVER;
        }
        if (!fitsNodeAffinity(template, node)) {
            return NEVER;
        }
        List<Toleration> tolerations = DaemonPodTolerations.withDefaults(template);
        List<Taint> taints = node.getSpec() == null || node.getSpec().getTaints() == null ? List.of()
                : node.getSpec().getTaints();
        boolean untoleratedNoSchedule = false;
        for (Taint taint : taints) {
            boolean relevant = "NoSchedule".equals(taint.getEffect()) || "NoExecute".equals(taint.getEffect());
            if (!relevant || tolerations.stream().anyMatch(t -> TaintEviction.tolerates(t, taint))) {
                continue;
            }
            if ("NoExecute".equals(taint.getEffect())) {
                return NEVER;
            }
            untoleratedNoSchedule = true;
        }
        return untoleratedNoSchedule ? new DaemonNodeEligibility(false, true) : RUN;
    }

    /** nodeSelector AND (any required node-selector term), as component-helpers' RequiredNodeAffinity. */
    static boolean fitsNodeAffinity(PodSpec spec, Node node) {
        Map<String, String> labels = node.getMetadata().getLabels() == null ? Map.of() : node.getMetadata().getLabels();
        if (spec.getNodeSelector() != null) {
            for (Map.Entry<String, String> e : spec.getNodeSelector().entrySet()) {
                if (!e.getValue().equals(labels.get(e.getKey()))) {
                    return false;
                }
            }
        }
        NodeSelector required = spec.getAffinity() == null || spec.getAffinity().getNodeAffinity() == null ? null
                : spec.getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution();
        if (required == null) {
            return true;
        }
        List<NodeSelectorTerm> terms = required.getNodeSelectorTerms() == null ? List.of()
                : required.getNodeSelectorTerms();
        Map<String, String> fields = Map.of("metadata.name", node.getMetadata().getName());
        return terms.stream().anyMatch(term -> termMatches(term, labels, fields));
    }

    /** A term's expressions and fields are ANDed; an empty term matches nothing. */
    private static boolean termMatches(NodeSelectorTerm term, Map<String, String> labels, Map<String, String> fields) {
        List<NodeSelectorRequirement> expressions = term.getMatchExpressions() == null ? List.of()
                : term.getMatchExpressions();
        List<NodeSelectorRequirement> fieldReqs = term.getMatchFields() == null ? List.of() : term.getMatchFields();
        if (expressions.isEmpty() && fieldReqs.isEmpty()) {
            return false;
        }
        return expressions.stream().allMatch(r -> requirement(r).matches(labels))
                && fieldReqs.stream().allMatch(r -> "metadata.name".equals(r.getKey()) && requirement(r).matches(fields));
    }

    private static Requirement requirement(NodeSelectorRequirement r) {
        Operator op = switch (r.getOperator()) {
            case "In" -> Operator.IN;
            case "NotIn" -> Operator.NOT_IN;
            case "Exists" -> Operator.EXISTS;
            case "DoesNotExist" -> Operator.DOES_NOT_EXIST;
            case "Gt" -> Operator.GREATER_THAN;
            case "Lt" -> Operator.LESS_THAN;
            default -> throw new IllegalArgumentException("unknown node selector operator " + r.getOperator());
        };
        return new Requirement(r.getKey(), op, r.getValues() == null ? List.of() : r.getValues());
    }
}
