package dev.j8s.scheduler.plugins.defaultpreemption;

import dev.j8s.scheduler.framework.Code;
import dev.j8s.scheduler.framework.CycleState;
import dev.j8s.scheduler.framework.Diagnosis;
import dev.j8s.scheduler.framework.FitError;
import dev.j8s.scheduler.framework.Handle;
import dev.j8s.scheduler.framework.NodeInfo;
import dev.j8s.scheduler.framework.NodeToStatus;
import dev.j8s.scheduler.framework.PodInfo;
import dev.j8s.scheduler.framework.PostFilterPlugin;
import dev.j8s.scheduler.framework.PostFilterResult;
import dev.j8s.scheduler.framework.Status;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Preemption (PostFilter): on nodes that failed only for reasons removing pods can fix
 * (UNSCHEDULABLE), find the fewest lower-priority pods whose removal lets the pod fit, pick the
 * best such node and return it with the victims; the caller deletes them and records the
 * nomination. Priorities come from {@code spec.priority}. PodDisruptionBudgets are not consulted.
 */
public final class DefaultPreemption implements PostFilterPlugin {

    public static final String NAME = "DefaultPreemption";
    public static final String NOT_HELPFUL = "Preemption is not helpful for scheduling";
    public static final String NO_VICTIMS = "No preemption victims found for incoming pod";
    /** Kubernetes' DefaultPreemptionArgs: dry-run at least 10% of the nodes, and at least 100. */
    private static final int MIN_CANDIDATE_NODES_PERCENTAGE = 10;
    private static final int MIN_CANDIDATE_NODES_ABSOLUTE = 100;

    private final RandomGenerator random;

    public DefaultPreemption(RandomGenerator random) {
        this.random = random;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public PostFilterResult postFilter(CycleState state, PodInfo pod, NodeToStatus filtered, Handle handle) {
        if ("Never".equals(pod.spec().getPreemptionPolicy())) {
            return PostFilterResult.failed(Status.unschedulable("preemption: not eligible due to preemptionPolicy=Never."));
        }
        String waitingFor = victimsStillTerminating(pod, filtered, handle);
        if (waitingFor != null) {
            return PostFilterResult.failed(Status.unschedulable("preemption: " + waitingFor));
        }
        List<NodeInfo> all = handle.nodes().list();
        List<NodeInfo> potential = filtered.nodesWithCode(Code.UNSCHEDULABLE, all);
        NodeToStatus statuses = new NodeToStatus();
        List<Candidate> candidates = new ArrayList<>();
        if (!potential.isEmpty()) {
            int offset = random.nextInt(potential.size());
            int wanted = candidatesToFind(potential.size());
            for (int i = 0; i < potential.size() && candidates.size() < wanted; i++) {
                NodeInfo node = potential.get((offset + i) % potential.size());
                List<PodInfo> victims = new ArrayList<>();
                Status status = selectVictims(state.copy(), pod, node.copy(), handle, victims);
                if (status.isSuccess()) {
                    candidates.add(new Candidate(node.name(), victims));
                } else {
                    statuses.put(node.name(), status);
                }
            }
        }
        if (candidates.isEmpty()) {
            statuses.setAbsent(Status.unresolvable(NOT_HELPFUL));
            String message = new FitError(all.size(), new Diagnosis(statuses)).message();
            // "" clears a nomination left from an earlier cycle
            return new PostFilterResult(Status.unschedulable("preemption: " + message), "", List.of());
        }
        Candidate best = CandidateSelection.pick(candidates);
        return new PostFilterResult(Status.SUCCESS, best.nodeName(),
                best.victims().stream().map(PodInfo::pod).toList());
    }

    /**
     * Kubernetes' {@code PodEligibleToPreemptOthers}: a pod that already preempted on its nominated
     * node waits for the lower-priority pods terminating there instead of choosing more victims
     * (unless that node has become unusable for it).
     */
    private static String victimsStillTerminating(PodInfo pod, NodeToStatus filtered, Handle handle) {
        String nominated = handle.nominatedNodeName(pod);
        if (nominated == null || filtered.get(nominated).code() == Code.UNSCHEDULABLE_AND_UNRESOLVABLE) {
            return null;
        }
        NodeInfo node = handle.nodes().get(nominated);
        if (node == null) {
            return null;
        }
        for (PodInfo existing : node.pods()) {
            if (existing.priority() < pod.priority() && existing.terminating()) {
                return "not eligible due to a terminating pod on the nominated node.";
            }
        }
        return null;
    }

    private static int candidatesToFind(int nodes) {
        int n = nodes * MIN_CANDIDATE_NODES_PERCENTAGE / 100;
        return Math.min(nodes, Math.max(n, MIN_CANDIDATE_NODES_ABSOLUTE));
    }

    /**
     * Kubernetes' {@code SelectVictimsOnNode} on a copy of the node: remove every lower-priority
     * pod; if the pod still does not fit, this node cannot help. Otherwise add them back most
     * important first, keeping each one that still leaves room: the rest are the victims.
     */
    static Status selectVictims(CycleState state, PodInfo pod, NodeInfo node, Handle handle, List<PodInfo> victims) {
        List<PodInfo> lower = new ArrayList<>();
        for (PodInfo existing : node.pods()) {
            if (existing.priority() < pod.priority()) {
                lower.add(existing);
            }
        }
        if (lower.isEmpty()) {
            return Status.unresolvable(NO_VICTIMS);
        }
        for (PodInfo victim : lower) {
            node.removePod(victim);
            handle.runPreFilterRemovePod(state, pod, victim, node);
        }
        Status fits = handle.runFilterPluginsWithNominatedPods(state, pod, node);
        if (!fits.isSuccess()) {
            return fits;
        }
        lower.sort(Comparator.comparingInt(PodInfo::priority).reversed()
                .thenComparingLong(CandidateSelection::startMillis));
        for (PodInfo candidate : lower) {
            node.addPod(candidate);
            handle.runPreFilterAddPod(state, pod, candidate, node);
            if (!handle.runFilterPluginsWithNominatedPods(state, pod, node).isSuccess()) {
                node.removePod(candidate);
                handle.runPreFilterRemovePod(state, pod, candidate, node);
                victims.add(candidate);
            }
        }
        if (victims.isEmpty()) {
            return Status.error("expected at least one victim pod on node " + node.name());
        }
        return Status.SUCCESS;
    }
}
