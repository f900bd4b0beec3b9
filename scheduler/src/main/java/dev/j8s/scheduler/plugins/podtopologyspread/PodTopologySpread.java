package dev.j8s.scheduler.plugins.podtopologyspread;

import dev.j8s.scheduler.framework.CycleState;
import dev.j8s.scheduler.framework.FilterPlugin;
import dev.j8s.scheduler.framework.NodeInfo;
import dev.j8s.scheduler.framework.NodeInfoLister;
import dev.j8s.scheduler.framework.PodInfo;
import dev.j8s.scheduler.framework.PreFilterPlugin;
import dev.j8s.scheduler.framework.PreFilterResult;
import dev.j8s.scheduler.framework.PreScorePlugin;
import dev.j8s.scheduler.framework.RequiredNodeAffinity;
import dev.j8s.scheduler.framework.ScorePlugin;
import dev.j8s.scheduler.framework.Status;
import dev.j8s.scheduler.plugins.podtopologyspread.FilterState.Pair;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Spreads matching pods evenly over topology domains. Filter (DoNotSchedule): placing the pod in
 * the node's domain must keep {@code count + self - min(count over domains) <= maxSkew}. Score
 * (ScheduleAnyway): fewer matching pods in the node's domains is better.
 */
public final class PodTopologySpread implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin {

    public static final String NAME = "PodTopologySpread";
    public static final String ERR_REASON_CONSTRAINTS = "node(s) didn't match pod topology spread constraints";
    public static final String ERR_REASON_NODE_LABEL =
            "node(s) didn't match pod topology spread constraints (missing required label)";
    static final String HOSTNAME = "kubernetes.io/hostname";
    private static final String PRE_FILTER_KEY = "PreFilter" + NAME;
    private static final String PRE_SCORE_KEY = "PreScore" + NAME;

    private final Supplier<NodeInfoLister> nodes;

    /** {@code nodes} gives the cycle's snapshot (the framework's handle). */
    public PodTopologySpread(Supplier<NodeInfoLister> nodes) {
        this.nodes = nodes;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public PreFilterResult preFilter(CycleState state, PodInfo pod, NodeInfoLister lister) {
        List<Constraint> constraints = Constraint.of(pod, Constraint.DO_NOT_SCHEDULE);
        if (constraints.isEmpty()) {
            return PreFilterResult.SKIP;
        }
        RequiredNodeAffinity affinity = RequiredNodeAffinity.of(pod.spec());
        Map<Pair, Integer> matchNum = new HashMap<>();
        for (NodeInfo node : lister.list()) {
            if (!Constraint.nodeHasAllKeys(node, constraints)) {
                continue;
            }
            for (Constraint c : constraints) {
                if (c.includesNode(pod, node, affinity)) {
                    matchNum.merge(new Pair(c.topologyKey(), node.labels().get(c.topologyKey())),
                            c.countMatching(node.pods(), pod.namespace()), Integer::sum);
                }
            }
        }
        state.write(PRE_FILTER_KEY, new FilterState(constraints, matchNum));
        return PreFilterResult.SUCCESS;
    }

    @Override
    public void addPod(CycleState state, PodInfo podToSchedule, PodInfo added, NodeInfo node) {
        update(state, podToSchedule, added, node, 1);
    }

    @Override
    public void removePod(CycleState state, PodInfo podToSchedule, PodInfo removed, NodeInfo node) {
        update(state, podToSchedule, removed, node, -1);
    }

    private static void update(CycleState state, PodInfo pod, PodInfo changed, NodeInfo node, int delta) {
        FilterState s = state.read(PRE_FILTER_KEY, FilterState.class);
        if (s == null || !Constraint.nodeHasAllKeys(node, s.constraints) || !changed.namespace().equals(pod.namespace())) {
            return;
        }
        RequiredNodeAffinity affinity = RequiredNodeAffinity.of(pod.spec());
        for (Constraint c : s.constraints) {
            if (c.includesNode(pod, node, affinity) && c.selector().matches(changed.labels())) {
                s.matchNum.merge(new Pair(c.topologyKey(), node.labels().get(c.topologyKey())), delta, Integer::sum);
            }
        }
    }

    @Override
    public Status filter(CycleState state, PodInfo pod, NodeInfo node) {
        FilterState s = state.read(PRE_FILTER_KEY, FilterState.class);
        if (s == null) {
            return Status.error("reading \"" + PRE_FILTER_KEY + "\" from cycleState: not found");
        }
        for (Constraint c : s.constraints) {
            String value = node.labels().get(c.topologyKey());
            if (value == null) {
                return Status.unresolvable(ERR_REASON_NODE_LABEL);
            }
            int self = c.selector().matches(pod.labels()) ? 1 : 0;
            int matching = s.matchNum.getOrDefault(new Pair(c.topologyKey(), value), 0);
            int skew = matching + self - s.minMatchNum(c);
            if (skew > c.maxSkew()) {
                return Status.unschedulable(ERR_REASON_CONSTRAINTS);
            }
        }
        return Status.SUCCESS;
    }

    @Override
    public Status preScore(CycleState state, PodInfo pod, List<NodeInfo> feasibleNodes) {
        List<Constraint> constraints = Constraint.of(pod, Constraint.SCHEDULE_ANYWAY);
        if (constraints.isEmpty()) {
            return Status.SKIP;
        }
        Set<String> ignored = new HashSet<>();
        Map<Pair, Long> counts = new HashMap<>();
        int[] domains = new int[constraints.size()];
        for (NodeInfo node : feasibleNodes) {
            if (!Constraint.nodeHasAllKeys(node, constraints)) {
                ignored.add(node.name());
                continue;
            }
            for (int i = 0; i < constraints.size(); i++) {
                Constraint c = constraints.get(i);
                // per-node counts for the hostname key are taken in Score
                if (!c.topologyKey().equals(HOSTNAME)
                        && counts.putIfAbsent(new Pair(c.topologyKey(), node.labels().get(c.topologyKey())), 0L) == null) {
                    domains[i]++;
                }
            }
        }
        RequiredNodeAffinity affinity = RequiredNodeAffinity.of(pod.spec());
        for (NodeInfo node : nodes.get().list()) {
            if (!Constraint.nodeHasAllKeys(node, constraints)) {
                continue;
            }
            for (Constraint c : constraints) {
                Pair pair = new Pair(c.topologyKey(), node.labels().get(c.topologyKey()));
                if (c.includesNode(pod, node, affinity) && counts.containsKey(pair)) {
                    counts.merge(pair, (long) c.countMatching(node.pods(), pod.namespace()), Long::sum);
                }
            }
        }
        double[] weights = new double[constraints.size()];
        for (int i = 0; i < constraints.size(); i++) {
            int size = constraints.get(i).topologyKey().equals(HOSTNAME) ? feasibleNodes.size() - ignored.size() : domains[i];
            weights[i] = Math.log(size + 2);
        }
        state.write(PRE_SCORE_KEY, new ScoreState(constraints, counts, ignored, weights));
        return Status.SUCCESS;
    }

    @Override
    public long score(CycleState state, PodInfo pod, NodeInfo node) {
        ScoreState s = state.read(PRE_SCORE_KEY, ScoreState.class);
        if (s == null || s.ignoredNodes().contains(node.name())) {
            return 0;
        }
        double score = 0;
        for (int i = 0; i < s.constraints().size(); i++) {
            Constraint c = s.constraints().get(i);
            String value = node.labels().get(c.topologyKey());
            if (value == null) {
                continue;
            }
            long count = c.topologyKey().equals(HOSTNAME)
                    ? c.countMatching(node.pods(), pod.namespace())
                    : s.podCounts().getOrDefault(new Pair(c.topologyKey(), value), 0L);
            score += count * s.normalizingWeights()[i] + (c.maxSkew() - 1);
        }
        return Math.round(score);
    }

    /** Fewest matching pods scores 100: {@code 100 * (max + min - score) / max}; ignored nodes score 0. */
    @Override
    public void normalize(CycleState state, PodInfo pod, List<NodeInfo> nodes, long[] scores) {
        ScoreState s = state.read(PRE_SCORE_KEY, ScoreState.class);
        if (s == null) {
            return;
        }
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = 0; i < scores.length; i++) {
            if (!s.ignoredNodes().contains(nodes.get(i).name())) {
                min = Math.min(min, scores[i]);
                max = Math.max(max, scores[i]);
            }
        }
        for (int i = 0; i < scores.length; i++) {
            if (s.ignoredNodes().contains(nodes.get(i).name())) {
                scores[i] = 0;
            } else if (max == 0) {
                scores[i] = MAX_NODE_SCORE;
            } else {
                scores[i] = MAX_NODE_SCORE * (max + min - scores[i]) / max;
            }
        }
    }
}
