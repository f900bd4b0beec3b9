package dev.j8s.scheduler.framework;

import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import java.util.Set;

/**
 * A pod (anti-)affinity term compiled once (Kubernetes' {@code framework.AffinityTerm}): which
 * pods it selects (namespaces + label selector) and the topology domain it spreads over.
 * A term without namespaces and namespaceSelector means the owning pod's namespace; an empty
 * namespaceSelector means all namespaces.
 */
public record AffinityTerm(Set<String> namespaces, LabelMatcher selector, String topologyKey,
                           LabelMatcher namespaceSelector, int weight) {

    public static AffinityTerm of(String podNamespace, PodAffinityTerm term, int weight) {
        Set<String> namespaces = (term.getNamespaces() == null || term.getNamespaces().isEmpty())
                && term.getNamespaceSelector() == null
                ? Set.of(podNamespace)
                : term.getNamespaces() == null ? Set.of() : Set.copyOf(term.getNamespaces());
        return new AffinityTerm(namespaces, LabelMatcher.of(term.getLabelSelector()), term.getTopologyKey(),
                LabelMatcher.of(term.getNamespaceSelector()), weight);
    }

    /**
     * Whether the term selects {@code pod}: the pod is in one of the listed namespaces or in one
     * the namespaceSelector matches, and its labels match the label selector.
     */
    public boolean matches(PodInfo pod, NamespaceLabels namespaceLabels) {
        return (namespaces.contains(pod.namespace()) || namespaceSelector.matches(namespaceLabels.of(pod.namespace())))
                && selector.matches(pod.labels());
    }
}
