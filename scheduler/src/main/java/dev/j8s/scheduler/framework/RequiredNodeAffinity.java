package dev.j8s.scheduler.framework;

import dev.j8s.api.selector.Requirement;
import io.fabric8.kubernetes.api.model.NodeSelector;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A pod's hard node constraints (component-helpers' {@code RequiredNodeAffinity}):
 * {@code spec.nodeSelector} AND {@code requiredDuringSchedulingIgnoredDuringExecution}, whose
 * terms are ORed and whose expressions within a term are ANDed.
 */
public final class RequiredNodeAffinity {

    private final Map<String, String> nodeSelector;
    private final List<NodeSelectorTermMatcher> terms;

    private RequiredNodeAffinity(Map<String, String> nodeSelector, List<NodeSelectorTermMatcher> terms) {
        this.nodeSelector = nodeSelector;
        this.terms = terms;
    }

    public static RequiredNodeAffinity of(PodSpec spec) {
        Map<String, String> selector = spec.getNodeSelector() == null ? Map.of() : spec.getNodeSelector();
        NodeSelector required = spec.getAffinity() == null || spec.getAffinity().getNodeAffinity() == null ? null
                : spec.getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution();
        List<NodeSelectorTermMatcher> terms = null;
        if (required != null) {
            terms = new ArrayList<>();
            List<NodeSelectorTerm> declared = required.getNodeSelectorTerms();
            for (NodeSelectorTerm term : declared == null ? List.<NodeSelectorTerm>of() : declared) {
                terms.add(NodeSelectorTermMatcher.of(term));
            }
        }
        return new RequiredNodeAffinity(selector, terms);
    }

    public boolean isEmpty() {
        return nodeSelector.isEmpty() && terms == null;
    }

    public List<NodeSelectorTermMatcher> terms() {
        return terms == null ? List.of() : terms;
    }

    public boolean matches(NodeInfo node) {
        Map<String, String> labels = node.labels();
        for (Map.Entry<String, String> entry : nodeSelector.entrySet()) {
            if (!entry.getValue().equals(labels.get(entry.getKey()))) {
                return false;
            }
        }
        if (terms == null) {
            return true;
        }
        for (NodeSelectorTermMatcher term : terms) {
            if (term.matches(node)) {
                return true;
            }
        }
        // an empty term list matches no node
        return false;
    }

    /** One NodeSelectorTerm: matchExpressions on labels and matchFields on metadata.name. */
    public record NodeSelectorTermMatcher(List<Requirement> expressions, List<Requirement> fields) {

        public static NodeSelectorTermMatcher of(NodeSelectorTerm term) {
            return new NodeSelectorTermMatcher(requirements(term.getMatchExpressions()), requirements(term.getMatchFields()));
        }

        /** A term with neither expressions nor fields matches nothing, as in Kubernetes. */
        public boolean matches(NodeInfo node) {
            if (expressions.isEmpty() && fields.isEmpty()) {
                return false;
            }
            for (Requirement r : expressions) {
                if (!r.matches(node.labels())) {
                    return false;
                }
            }
            for (Requirement r : fields) {
                // metadata.name is the only field selectable in node affinity
                if (!r.key().equals("metadata.name") || !r.matches(Map.of("metadata.name", node.name()))) {
                    return false;
                }
            }
            return true;
        }

        private static List<Requirement> requirements(List<NodeSelectorRequirement> list) {
            if (list == null) {
                return List.of();
            }
            return list.stream().map(r -> new Requirement(r.getKey(), LabelMatcher.operator(r.getOperator()),
                    LabelMatcher.values(r.getValues()))).toList();
        }
    }
}
