package dev.j8s.scheduler.plugins.nodeaffinity;

import dev.j8s.api.selector.Operator;
import dev.j8s.api.selector.Requirement;
import dev.j8s.scheduler.framework.CycleState;
import dev.j8s.scheduler.framework.FilterPlugin;
import dev.j8s.scheduler.framework.NodeInfo;
import dev.j8s.scheduler.framework.NodeInfoLister;
import dev.j8s.scheduler.framework.PodInfo;
import dev.j8s.scheduler.framework.PreFilterPlugin;
import dev.j8s.scheduler.framework.PreFilterResult;
import dev.j8s.scheduler.framework.PreScorePlugin;
import dev.j8s.scheduler.framework.RequiredNodeAffinity;
import dev.j8s.scheduler.framework.RequiredNodeAffinity.NodeSelectorTermMatcher;
import dev.j8s.scheduler.framework.ScorePlugin;
import dev.j8s.scheduler.framework.Status;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.PreferredSchedulingTerm;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Filter: {@code spec.nodeSelector} and required node affinity. Score: the summed weights of the
 * preferred terms a node matches, scaled so the best node gets 100.
 */
public final class NodeAffinity implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin {

    public static final String NAME = "NodeAffinity";
    public static final String ERR_REASON_POD = "node(s) didn't match Pod's node affinity/selector";
    private static final String PRE_FILTER_KEY = "PreFilter" + NAME;
    private static final String PRE_SCORE_KEY = "PreScore" + NAME;

    private record Required(RequiredNodeAffinity affinity) implements CycleState.StateData {
    }

    private record WeightedTerm(NodeSelectorTermMatcher term, int weight) {
    }

    private record Preferred(List<WeightedTerm> terms) implements CycleState.StateData {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public PreFilterResult preFilter(CycleState state, PodInfo pod, NodeInfoLister nodes) {
        RequiredNodeAffinity affinity = RequiredNodeAffinity.of(pod.spec());
        if (affinity.isEmpty()) {
            return PreFilterResult.SKIP;
        }
        state.write(PRE_FILTER_KEY, new Required(affinity));
        Set<String> pinned = nodesNamedByEveryTerm(affinity);
        return pinned == null ? PreFilterResult.SUCCESS : PreFilterResult.onlyNodes(pinned);
    }

    /**
     * When every required term names nodes with {@code matchFields metadata.name In}, only those
     * nodes can match, so the cycle filters just them (DaemonSet pods pin nodes this way).
     */
    private static Set<String> nodesNamedByEveryTerm(RequiredNodeAffinity affinity) {
        if (affinity.terms().isEmpty()) {
            return null;
        }
        Set<String> names = new HashSet<>();
        for (NodeSelectorTermMatcher term : affinity.terms()) {
            Requirement byName = term.fields().stream()
                    .filter(r -> r.key().equals("metadata.name") && r.operator() == Operator.IN)
                    .findFirst().orElse(null);
            if (byName == null) {
                return null;
            }
            names.addAll(byName.values());
        }
        return names;
    }

    @Override
    public Status filter(CycleState state, PodInfo pod, NodeInfo node) {
        Required required = state.read(PRE_FILTER_KEY, Required.class);
        RequiredNodeAffinity affinity = required != null ? required.affinity() : RequiredNodeAffinity.of(pod.spec());
        return affinity.matches(node) ? Status.SUCCESS : Status.unresolvable(ERR_REASON_POD);
    }

    @Override
    public Status preScore(CycleState state, PodInfo pod, List<NodeInfo> feasibleNodes) {
        io.fabric8.kubernetes.api.model.NodeAffinity affinity = pod.spec().getAffinity() == null ? null : pod.spec().getAffinity().getNodeAffinity();
        List<PreferredSchedulingTerm> preferred = affinity == null ? null
                : affinity.getPreferredDuringSchedulingIgnoredDuringExecution();
        if (preferred == null || preferred.isEmpty()) {
            return Status.SKIP;
        }
        List<WeightedTerm> terms = new ArrayList<>();
        for (PreferredSchedulingTerm term : preferred) {
            NodeSelectorTerm preference = term.getPreference();
            int weight = term.getWeight() == null ? 0 : term.getWeight();
            // a zero weight or an empty preference can never add to a score
            if (weight != 0 && preference != null) {
                terms.add(new WeightedTerm(NodeSelectorTermMatcher.of(preference), weight));
            }
        }
        state.write(PRE_SCORE_KEY, new Preferred(terms));
        return Status.SUCCESS;
    }

    @Override
    public long score(CycleState state, PodInfo pod, NodeInfo node) {
        Preferred preferred = state.read(PRE_SCORE_KEY, Preferred.class);
        if (preferred == null) {
            return 0;
        }
        long score = 0;
        for (WeightedTerm term : preferred.terms()) {
            if (term.term().matches(node)) {
                score += term.weight();
            }
        }
        return score;
    }

    @Override
    public void normalize(CycleState state, PodInfo pod, List<NodeInfo> nodes, long[] scores) {
        ScorePlugin.defaultNormalize(scores, false);
    }
}
