package dev.j8s.scheduler.plugins.interpodaffinity;

import dev.j8s.scheduler.framework.AffinityTerm;
import dev.j8s.scheduler.framework.CycleState;
import dev.j8s.scheduler.framework.NamespaceLabels;
import dev.j8s.scheduler.framework.NodeInfo;
import dev.j8s.scheduler.framework.PodInfo;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * InterPodAffinity's PreFilter state: per topology domain, how many existing pods (a) have a
 * required anti-affinity term matching the incoming pod, (b) match all of the incoming pod's
 * required affinity terms, (c) match one of its required anti-affinity terms.
 */
final class FilterState implements CycleState.StateData {

    final PodInfo pod;
    final NamespaceLabels namespaces;
    final Map<TopologyPair, Integer> existingAntiAffinityCounts;
    final Map<TopologyPair, Integer> affinityCounts;
    final Map<TopologyPair, Integer> antiAffinityCounts;

    FilterState(PodInfo pod, NamespaceLabels namespaces) {
        this(pod, namespaces, new HashMap<>(), new HashMap<>(), new HashMap<>());
    }

    private FilterState(PodInfo pod, NamespaceLabels namespaces, Map<TopologyPair, Integer> existing,
                        Map<TopologyPair, Integer> affinity, Map<TopologyPair, Integer> anti) {
        this.pod = pod;
        this.namespaces = namespaces;
        this.existingAntiAffinityCounts = existing;
        this.affinityCounts = affinity;
        this.antiAffinityCounts = anti;
    }

    /** Accounts {@code existing} on {@code node} with {@code delta} = +1 (added) or -1 (removed). */
    void update(PodInfo existing, NodeInfo node, int delta) {
        for (AffinityTerm term : existing.requiredAntiAffinity()) {
            if (term.matches(pod, namespaces)) {
                count(existingAntiAffinityCounts, term.topologyKey(), node, delta);
            }
        }
        if (!pod.requiredAffinity().isEmpty() && matchesAll(pod.requiredAffinity(), existing, namespaces)) {
            for (AffinityTerm term : pod.requiredAffinity()) {
                count(affinityCounts, term.topologyKey(), node, delta);
            }
        }
        for (AffinityTerm term : pod.requiredAntiAffinity()) {
            if (term.matches(existing, namespaces)) {
                count(antiAffinityCounts, term.topologyKey(), node, delta);
            }
        }
    }

    static boolean matchesAll(List<AffinityTerm> terms, PodInfo pod, NamespaceLabels namespaces) {
        for (AffinityTerm term : terms) {
            if (!term.matches(pod, namespaces)) {
                return false;
            }
        }
        return true;
    }

    private static void count(Map<TopologyPair, Integer> counts, String key, NodeInfo node, int delta) {
        String value = node.labels().get(key);
        if (value != null) {
            counts.merge(new TopologyPair(key, value), delta, (a, b) -> a + b == 0 ? null : a + b);
        }
    }

    @Override
    public FilterState copy() {
        return new FilterState(pod, namespaces, new HashMap<>(existingAntiAffinityCounts), new HashMap<>(affinityCounts),
                new HashMap<>(antiAffinityCounts));
    }
}
