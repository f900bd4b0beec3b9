package dev.j8s.scheduler.plugins.interpodaffinity;

import dev.j8s.scheduler.framework.AffinityTerm;
import dev.j8s.scheduler.framework.CycleState;
import dev.j8s.scheduler.framework.NamespaceLabels;
import dev.j8s.scheduler.framework.NodeInfo;
import dev.j8s.scheduler.framework.NodeInfoLister;
import dev.j8s.scheduler.framework.PodInfo;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * InterPodAffinity's PreScore state: a score per topology domain, summed from the incoming pod's
 * preferred terms matching existing pods and from existing pods' terms matching the incoming pod
 * (their required affinity counts with Kubernetes' default hardPodAffinityWeight of 1).
 */
final class ScoreState implements CycleState.StateData {

    static final int HARD_POD_AFFINITY_WEIGHT = 1;

    private final Map<String, Map<String, Long>> topologyScore = new HashMap<>();
    private final NamespaceLabels namespaces;

    private ScoreState(NamespaceLabels namespaces) {
        this.namespaces = namespaces;
    }

    /** Null when nothing in the pod or the cluster can move a score (the plugin skips Score). */
    static ScoreState compute(PodInfo pod, NodeInfoLister nodes, NamespaceLabels namespaces) {
        boolean hasPreferred = !pod.preferredAffinity().isEmpty() || !pod.preferredAntiAffinity().isEmpty();
        List<NodeInfo> candidates = hasPreferred ? nodes.list() : nodes.havePodsWithAffinity();
        if (candidates.isEmpty()) {
            return null;
        }
        ScoreState state = new ScoreState(namespaces);
        for (NodeInfo node : candidates) {
            for (PodInfo existing : hasPreferred ? node.pods() : node.podsWithAffinity()) {
                state.process(pod, existing, node);
            }
        }
        return state;
    }

    private void process(PodInfo pod, PodInfo existing, NodeInfo node) {
        for (AffinityTerm term : pod.preferredAffinity()) {
            if (term.matches(existing, namespaces)) {
                add(term.topologyKey(), node, term.weight());
            }
        }
        for (AffinityTerm term : pod.preferredAntiAffinity()) {
            if (term.matches(existing, namespaces)) {
                add(term.topologyKey(), node, -term.weight());
            }
        }
        for (AffinityTerm term : existing.requiredAffinity()) {
            if (term.matches(pod, namespaces)) {
                add(term.topologyKey(), node, HARD_POD_AFFINITY_WEIGHT);
            }
        }
        for (AffinityTerm term : existing.preferredAffinity()) {
            if (term.matches(pod, namespaces)) {
                add(term.topologyKey(), node, term.weight());
            }
        }
        for (AffinityTerm term : existing.preferredAntiAffinity()) {
            if (term.matches(pod, namespaces)) {
                add(term.topologyKey(), node, -term.weight());
            }
        }
    }

    private void add(String topologyKey, NodeInfo node, long weight) {
        String value = node.labels().get(topologyKey);
        if (value != null && weight != 0) {
            topologyScore.computeIfAbsent(topologyKey, k -> new HashMap<>()).merge(value, weight, Long::sum);
        }
    }

    boolean isEmpty() {
        return topologyScore.isEmpty();
    }

    long score(NodeInfo node) {
        long score = 0;
        for (Map.Entry<String, Map<String, Long>> entry : topologyScore.entrySet()) {
            String value = node.labels().get(entry.getKey());
            if (value != null) {
                score += entry.getValue().getOrDefault(value, 0L);
            }
        }
        return score;
    }
}
