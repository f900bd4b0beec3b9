package dev.j8s.scheduler.framework;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs a profile's plugins at each extension point (Kubernetes' {@code frameworkImpl}), in profile
 * order, and attaches the plugin name to every status. The scheduling thread calls the cycle
 * points; the binding threads call Permit-wait, PreBind, Bind and Unreserve.
 */
public final class Framework implements Handle {

    private final Profile profile;
    private final List<PreFilterPlugin> preFilters = new ArrayList<>();
    private final List<FilterPlugin> filters = new ArrayList<>();
    private final List<PostFilterPlugin> postFilters = new ArrayList<>();
    private final List<PreScorePlugin> preScores = new ArrayList<>();
    private final List<ScorePlugin> scores = new ArrayList<>();
    private final int[] scoreWeights;
    private final List<ReservePlugin> reserves = new ArrayList<>();
    private final List<PermitPlugin> permits = new ArrayList<>();
    private final List<PreBindPlugin> preBinds = new ArrayList<>();
    private final List<BindPlugin> binds = new ArrayList<>();
    private final Map<String, WaitingPod> waitingPods = new ConcurrentHashMap<>();
    private final Nominator nominator = new Nominator();
    private volatile NodeInfoLister nodes;

    public Framework(Profile profile) {
        this.profile = profile;
        for (Plugin plugin : profile.plugins()) {
            if (plugin instanceof PreFilterPlugin p) preFilters.add(p);
            if (plugin instanceof FilterPlugin p) filters.add(p);
            if (plugin instanceof PostFilterPlugin p) postFilters.add(p);
            if (plugin instanceof PreScorePlugin p) preScores.add(p);
            if (plugin instanceof ScorePlugin p) scores.add(p);
            if (plugin instanceof ReservePlugin p) reserves.add(p);
            if (plugin instanceof PermitPlugin p) permits.add(p);
            if (plugin instanceof PreBindPlugin p) preBinds.add(p);
            if (plugin instanceof BindPlugin p) binds.add(p);
        }
        this.scoreWeights = scores.stream().mapToInt(p -> profile.weight(p.name())).toArray();
    }

    public Profile profile() {
        return profile;
    }

    /** The snapshot of the cycle in progress. */
    public void setNodes(NodeInfoLister nodes) {
        this.nodes = nodes;
    }

    @Override
    public NodeInfoLister nodes() {
        return nodes;
    }

    @Override
    public String nominatedNodeName(PodInfo pod) {
        String name = nominator.nominatedNode(pod.key());
        if (name == null && pod.pod().getStatus() != null) {
            name = pod.pod().getStatus().getNominatedNodeName();
        }
        return name == null || name.isEmpty() ? null : name;
    }

    public Nominator nominator() {
        return nominator;
    }

    public boolean hasFilterPlugins() {
        return !filters.isEmpty();
    }

    public boolean hasScorePlugins() {
        return !scores.isEmpty();
    }

    public boolean hasPostFilterPlugins() {
        return !postFilters.isEmpty();
    }

    /**
     * All PreFilter plugins; a rejection stops the cycle. The node sets of the plugins that narrow
     * the search are intersected; an empty intersection rejects the pod.
     */
    public PreFilterResult runPreFilterPlugins(CycleState state, PodInfo pod) {
        Set<String> skipped = new HashSet<>();
        Set<String> nodeNames = null;
        TreeSet<String> narrowing = new TreeSet<>();
        for (PreFilterPlugin plugin : preFilters) {
            PreFilterResult result = plugin.preFilter(state, pod, nodes);
            Status status = result.status();
            if (status.isSkip()) {
                skipped.add(plugin.name());
                continue;
            }
            if (!status.isSuccess()) {
                return new PreFilterResult(status.withPlugin(plugin.name()), null, null);
            }
            if (result.nodeNames() != null) {
                narrowing.add(plugin.name());
                if (nodeNames == null) {
                    nodeNames = new HashSet<>(result.nodeNames());
                } else {
                    nodeNames.retainAll(result.nodeNames());
                }
                if (nodeNames.isEmpty()) {
                    String message = narrowing.size() == 1
                            ? "node(s) didn't satisfy plugin " + narrowing.first()
                            : "node(s) didn't satisfy plugin(s) " + PreFilterResult.goList(narrowing) + " simultaneously";
                    return new PreFilterResult(Status.unschedulable(message).withPlugin(plugin.name()), null, null);
                }
            }
        }
        state.setSkipFilterPlugins(skipped.isEmpty() ? Set.of() : skipped);
        state.activeFilters = filters.stream().filter(p -> !skipped.contains(p.name())).toArray(FilterPlugin[]::new);
        return new PreFilterResult(Status.SUCCESS, nodeNames, narrowing.isEmpty() ? null : narrowing);
    }

    @Override
    public Status runFilterPlugins(CycleState state, PodInfo pod, NodeInfo node) {
        // called for hundreds of nodes per cycle: iterate the plugins PreFilter left active
        FilterPlugin[] active = state.activeFilters != null ? state.activeFilters : filters.toArray(FilterPlugin[]::new);
        for (FilterPlugin plugin : active) {
            Status status = plugin.filter(state, pod, node);
            if (!status.isSuccess()) {
                return status.withPlugin(plugin.name());
            }
        }
        return Status.SUCCESS;
    }

    /**
     * Kubernetes' {@code RunFilterPluginsWithNominatedPods}: when pods of higher or equal priority
     * are nominated to the node, the pod must fit with them added; and, since nominated pods may
     * never arrive, also without them (a pod affine to a nominated pod must not rely on it).
     */
    @Override
    public Status runFilterPluginsWithNominatedPods(CycleState state, PodInfo pod, NodeInfo node) {
        if (nominator.isEmpty()) {
            return runFilterPlugins(state, pod, node);
        }
        List<PodInfo> nominated = nominator.nominatedFor(node.name(), pod);
        if (nominated.isEmpty()) {
            return runFilterPlugins(state, pod, node);
        }
        NodeInfo withNominated = node.copy();
        CycleState stateWithNominated = state.copy();
        for (PodInfo other : nominated) {
            withNominated.addPod(other);
            runPreFilterAddPod(stateWithNominated, pod, other, withNominated);
        }
        Status status = runFilterPlugins(stateWithNominated, pod, withNominated);
        return status.isSuccess() ? runFilterPlugins(state, pod, node) : status;
    }

    @Override
    public void runPreFilterAddPod(CycleState state, PodInfo podToSchedule, PodInfo added, NodeInfo node) {
        for (PreFilterPlugin plugin : preFilters) {
            if (!state.skipFilterPlugins().contains(plugin.name())) {
                plugin.addPod(state, podToSchedule, added, node);
            }
        }
    }

    @Override
    public void runPreFilterRemovePod(CycleState state, PodInfo podToSchedule, PodInfo removed, NodeInfo node) {
        for (PreFilterPlugin plugin : preFilters) {
            if (!state.skipFilterPlugins().contains(plugin.name())) {
                plugin.removePod(state, podToSchedule, removed, node);
            }
        }
    }

    /** PostFilter plugins until one succeeds (Kubernetes stops at the first success too). */
    public PostFilterResult runPostFilterPlugins(CycleState state, PodInfo pod, NodeToStatus filtered) {
        PostFilterResult last = PostFilterResult.failed(Status.unresolvable());
        for (PostFilterPlugin plugin : postFilters) {
            PostFilterResult result = plugin.postFilter(state, pod, filtered, this);
            Status status = result.status().withPlugin(plugin.name());
            result = new PostFilterResult(status, result.nominatedNodeName(), result.victims());
            if (status.isSuccess() || status.code() == Code.ERROR) {
                return result;
            }
            last = result;
        }
        return last;
    }

    public Status runPreScorePlugins(CycleState state, PodInfo pod, List<NodeInfo> feasible) {
        Set<String> skipped = new HashSet<>();
        for (PreScorePlugin plugin : preScores) {
            Status status = plugin.preScore(state, pod, feasible);
            if (status.isSkip()) {
                skipped.add(plugin.name());
            } else if (!status.isSuccess()) {
                return status.withPlugin(plugin.name());
            }
        }
        state.setSkipScorePlugins(skipped.isEmpty() ? Set.of() : skipped);
        return Status.SUCCESS;
    }

    /** The weighted sum of every Score plugin's normalized score, per node of {@code feasible}. */
    public long[] runScorePlugins(CycleState state, PodInfo pod, List<NodeInfo> feasible) {
        long[] total = new long[feasible.size()];
        Set<String> skipped = state.skipScorePlugins();
        for (int p = 0; p < scores.size(); p++) {
            ScorePlugin plugin = scores.get(p);
            if (skipped.contains(plugin.name())) {
                continue;
            }
            long[] pluginScores = new long[feasible.size()];
            for (int i = 0; i < pluginScores.length; i++) {
                pluginScores[i] = plugin.score(state, pod, feasible.get(i));
            }
            plugin.normalize(state, pod, feasible, pluginScores);
            for (int i = 0; i < pluginScores.length; i++) {
                total[i] += pluginScores[i] * scoreWeights[p];
            }
        }
        return total;
    }

    public Status runReservePluginsReserve(CycleState state, PodInfo pod, String nodeName) {
        for (ReservePlugin plugin : reserves) {
            Status status = plugin.reserve(state, pod, nodeName);
            if (!status.isSuccess()) {
                return status.withPlugin(plugin.name());
            }
        }
        return Status.SUCCESS;
    }

    /** Unreserve in reverse order, as Kubernetes does, so plugins unwind like a stack. */
    public void runReservePluginsUnreserve(CycleState state, PodInfo pod, String nodeName) {
        for (int i = reserves.size() - 1; i >= 0; i--) {
            reserves.get(i).unreserve(state, pod, nodeName);
        }
    }

    /** Permit plugins; when some ask to wait, the pod is parked until {@link #waitOnPermit}. */
    public Status runPermitPlugins(CycleState state, PodInfo pod, String nodeName) {
        Set<String> waitingFor = new HashSet<>();
        Duration longest = Duration.ZERO;
        for (PermitPlugin plugin : permits) {
            PermitPlugin.Decision decision = plugin.permit(state, pod, nodeName);
            Status status = decision.status();
            if (status.code() == Code.WAIT) {
                waitingFor.add(plugin.name());
                longest = decision.timeout().compareTo(longest) > 0 ? decision.timeout() : longest;
            } else if (!status.isSuccess()) {
                return status.withPlugin(plugin.name());
            }
        }
        if (!waitingFor.isEmpty()) {
            waitingPods.put(pod.key(), new WaitingPod(pod, waitingFor, longest));
            return Status.of(Code.WAIT);
        }
        return Status.SUCCESS;
    }

    public WaitingPod waitingPod(String podKey) {
        return waitingPods.get(podKey);
    }

    public Status waitOnPermit(PodInfo pod) {
        WaitingPod waiting = waitingPods.get(pod.key());
        if (waiting == null) {
            return Status.SUCCESS;
        }
        try {
            return waiting.await();
        } finally {
            waitingPods.remove(pod.key());
        }
    }

    public Status runPreBindPlugins(CycleState state, PodInfo pod, String nodeName) {
        for (PreBindPlugin plugin : preBinds) {
            Status status = plugin.preBind(state, pod, nodeName);
            if (!status.isSuccess()) {
                return status.withPlugin(plugin.name());
            }
        }
        return Status.SUCCESS;
    }

    public Status runBindPlugins(CycleState state, PodInfo pod, String nodeName) {
        for (BindPlugin plugin : binds) {
            Status status = plugin.bind(state, pod, nodeName);
            if (!status.isSkip()) {
                return status.withPlugin(plugin.name());
            }
        }
        return Status.error("no bind plugin bound pod " + pod);
    }
}
