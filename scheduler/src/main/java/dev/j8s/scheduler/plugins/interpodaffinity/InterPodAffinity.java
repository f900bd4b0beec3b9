package dev.j8s.scheduler.plugins.interpodaffinity;

import dev.j8s.scheduler.framework.AffinityTerm;
import dev.j8s.scheduler.framework.CycleState;
import dev.j8s.scheduler.framework.FilterPlugin;
import dev.j8s.scheduler.framework.NamespaceLabels;
import dev.j8s.scheduler.framework.NodeInfo;
import dev.j8s.scheduler.framework.NodeInfoLister;
import dev.j8s.scheduler.framework.PodInfo;
import dev.j8s.scheduler.framework.PreFilterPlugin;
import dev.j8s.scheduler.framework.PreFilterResult;
import dev.j8s.scheduler.framework.PreScorePlugin;
import dev.j8s.scheduler.framework.ScorePlugin;
import dev.j8s.scheduler.framework.Status;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Required pod affinity and anti-affinity by topology domain, including the anti-affinity of pods
 * already running (Filter), and preferred (weighted) terms of both sides (Score).
 */
public final class InterPodAffinity implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin {

    public static final String NAME = "InterPodAffinity";
    public static final String ERR_REASON_EXISTING_ANTI_AFFINITY = "node(s) didn't satisfy existing pods anti-affinity rules";
    public static final String ERR_REASON_AFFINITY = "node(s) didn't match pod affinity rules";
    public static final String ERR_REASON_ANTI_AFFINITY = "node(s) didn't match pod anti-affinity rules";
    private static final String PRE_FILTER_KEY = "PreFilter" + NAME;
    private static final String PRE_SCORE_KEY = "PreScore" + NAME;

    private final Supplier<NodeInfoLister> nodes;
    private final NamespaceLabels namespaces;

    /** {@code nodes} gives the cycle's snapshot; {@code namespaces} serves namespaceSelectors. */
    public InterPodAffinity(Supplier<NodeInfoLister> nodes, NamespaceLabels namespaces) {
        this.nodes = nodes;
        this.namespaces = namespaces;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public PreFilterResult preFilter(CycleState state, PodInfo pod, NodeInfoLister nodes) {
        FilterState filterState = new FilterState(pod, namespaces);
        for (NodeInfo node : nodes.havePodsWithRequiredAntiAffinity()) {
            for (PodInfo existing : node.podsWithRequiredAntiAffinity()) {
                for (AffinityTerm term : existing.requiredAntiAffinity()) {
                    String value = node.labels().get(term.topologyKey());
                    if (value != null && term.matches(pod, namespaces)) {
                        filterState.existingAntiAffinityCounts.merge(new TopologyPair(term.topologyKey(), value), 1, Integer::sum);
                    }
                }
            }
        }
        if (!pod.requiredAffinity().isEmpty() || !pod.requiredAntiAffinity().isEmpty()) {
            for (NodeInfo node : nodes.list()) {
                for (PodInfo existing : node.pods()) {
                    countIncoming(filterState, existing, node);
                }
            }
        }
        if (filterState.existingAntiAffinityCounts.isEmpty() && pod.requiredAffinity().isEmpty()
                && pod.requiredAntiAffinity().isEmpty()) {
            return PreFilterResult.SKIP;
        }
        state.write(PRE_FILTER_KEY, filterState);
        return PreFilterResult.SUCCESS;
    }

    private static void countIncoming(FilterState s, PodInfo existing, NodeInfo node) {
        PodInfo pod = s.pod;
        NamespaceLabels namespaces = s.namespaces;
        if (!pod.requiredAffinity().isEmpty() && FilterState.matchesAll(pod.requiredAffinity(), existing, namespaces)) {
            for (AffinityTerm term : pod.requiredAffinity()) {
                String value = node.labels().get(term.topologyKey());
                if (value != null) {
                    s.affinityCounts.merge(new TopologyPair(term.topologyKey(), value), 1, Integer::sum);
                }
            }
        }
        for (AffinityTerm term : pod.requiredAntiAffinity()) {
            String value = node.labels().get(term.topologyKey());
            if (value != null && term.matches(existing, namespaces)) {
                s.antiAffinityCounts.merge(new TopologyPair(term.topologyKey(), value), 1, Integer::sum);
            }
        }
    }

    @Override
    public void addPod(CycleState state, PodInfo podToSchedule, PodInfo added, NodeInfo node) {
        FilterState s = state.read(PRE_FILTER_KEY, FilterState.class);
        if (s != null) {
            s.update(added, node, 1);
        }
    }

    @Override
    public void removePod(CycleState state, PodInfo podToSchedule, PodInfo removed, NodeInfo node) {
        FilterState s = state.read(PRE_FILTER_KEY, FilterState.class);
        if (s != null) {
            s.update(removed, node, -1);
        }
    }

    @Override
    public Status filter(CycleState state, PodInfo pod, NodeInfo node) {
        FilterState s = state.read(PRE_FILTER_KEY, FilterState.class);
        if (s == null) {
            return Status.error("reading \"" + PRE_FILTER_KEY + "\" from cycleState: not found");
        }
        if (!satisfiesExistingPodsAntiAffinity(s, node)) {
            return Status.unschedulable(ERR_REASON_EXISTING_ANTI_AFFINITY);
        }
        if (!satisfiesPodAffinity(s, node)) {
            return Status.unresolvable(ERR_REASON_AFFINITY);
        }
        if (!satisfiesPodAntiAffinity(s, node)) {
            return Status.unschedulable(ERR_REASON_ANTI_AFFINITY);
        }
        return Status.SUCCESS;
    }

    private static boolean satisfiesExistingPodsAntiAffinity(FilterState s, NodeInfo node) {
        for (Map.Entry<TopologyPair, Integer> entry : s.existingAntiAffinityCounts.entrySet()) {
            if (entry.getValue() > 0 && entry.getKey().value().equals(node.labels().get(entry.getKey().key()))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Every affinity term's domain on this node must hold a matching pod. The exception lets the
     * first pod of a group that is affine to itself start: no pod anywhere matches, the pod
     * matches its own terms, and the node has all the topology keys.
     */
    private static boolean satisfiesPodAffinity(FilterState s, NodeInfo node) {
        boolean podsExist = true;
        for (AffinityTerm term : s.pod.requiredAffinity()) {
            String value = node.labels().get(term.topologyKey());
            if (value == null) {
                return false;
            }
            if (s.affinityCounts.getOrDefault(new TopologyPair(term.topologyKey(), value), 0) <= 0) {
                podsExist = false;
            }
        }
        if (podsExist) {
            return true;
        }
        return s.affinityCounts.isEmpty() && FilterState.matchesAll(s.pod.requiredAffinity(), s.pod, s.namespaces);
    }

    private static boolean satisfiesPodAntiAffinity(FilterState s, NodeInfo node) {
        for (AffinityTerm term : s.pod.requiredAntiAffinity()) {
            String value = node.labels().get(term.topologyKey());
            if (value != null && s.antiAffinityCounts.getOrDefault(new TopologyPair(term.topologyKey(), value), 0) > 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Status preScore(CycleState state, PodInfo pod, List<NodeInfo> feasibleNodes) {
        ScoreState scoreState = ScoreState.compute(pod, nodes.get(), namespaces);
        if (scoreState == null) {
            return Status.SKIP;
        }
        state.write(PRE_SCORE_KEY, scoreState);
        return Status.SUCCESS;
    }

    @Override
    public long score(CycleState state, PodInfo pod, NodeInfo node) {
        ScoreState s = state.read(PRE_SCORE_KEY, ScoreState.class);
        return s == null ? 0 : s.score(node);
    }

    /** Min-max scaling to [0, 100]; all equal scores become 0, as in Kubernetes. */
    @Override
    public void normalize(CycleState state, PodInfo pod, List<NodeInfo> nodes, long[] scores) {
        ScoreState s = state.read(PRE_SCORE_KEY, ScoreState.class);
        if (s == null || s.isEmpty()) {
            return;
        }
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (long score : scores) {
            min = Math.min(min, score);
            max = Math.max(max, score);
        }
        long diff = max - min;
        for (int i = 0; i < scores.length; i++) {
            scores[i] = diff > 0 ? (long) (MAX_NODE_SCORE * ((double) (scores[i] - min) / diff)) : 0;
        }
    }
}
