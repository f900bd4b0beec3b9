package dev.j8s.scheduler;

import dev.j8s.scheduler.cache.Snapshot;
import dev.j8s.scheduler.framework.CycleState;
import dev.j8s.scheduler.framework.Diagnosis;
import dev.j8s.scheduler.framework.FitError;
import dev.j8s.scheduler.framework.Framework;
import dev.j8s.scheduler.framework.NodeInfo;
import dev.j8s.scheduler.framework.PodInfo;
import dev.j8s.scheduler.framework.PreFilterResult;
import dev.j8s.scheduler.framework.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Finds the node for one pod (Kubernetes' {@code schedulePod}): PreFilter, Filter until enough
 * feasible nodes are found, PreScore and Score, then the highest total with a random tie-break.
 * Used only from the scheduling thread.
 */
final class NodeSearch {

    /** Kubernetes' minFeasibleNodesToFind: below this many nodes, all are filtered. */
    static final int MIN_FEASIBLE_NODES_TO_FIND = 100;
    /** Kubernetes' minFeasibleNodesPercentageToFind: the adaptive percentage never drops below this. */
    static final int MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;

    private final Framework framework;
    private final Snapshot snapshot;
    private final RandomGenerator random;
    /** Where the next search starts, so successive pods spread their filtering over all nodes. */
    private int nextStartNodeIndex;

    NodeSearch(Framework framework, Snapshot snapshot, RandomGenerator random) {
        this.framework = framework;
        this.snapshot = snapshot;
        this.random = random;
    }

    ScheduleOutcome schedule(CycleState state, PodInfo pod) {
        List<NodeInfo> allNodes = snapshot.list();
        if (allNodes.isEmpty()) {
            return new ScheduleOutcome.Failed(Status.error("no nodes available to schedule pods"));
        }
        Diagnosis diagnosis = new Diagnosis();
        PreFilterResult preFilter = framework.runPreFilterPlugins(state, pod);
        Status status = preFilter.status();
        if (!status.isSuccess()) {
            if (!status.isRejected()) {
                return new ScheduleOutcome.Failed(status);
            }
            // a PreFilter rejection stands for every node
            diagnosis.nodeToStatus().setAbsent(status);
            diagnosis.addPluginStatus(status);
            diagnosis.setPreFilterMessage(status.message());
            return new ScheduleOutcome.Unfit(new FitError(allNodes.size(), diagnosis));
        }
        List<NodeInfo> nodes = allNodes;
        if (preFilter.nodeNames() != null) {
            nodes = new ArrayList<>(preFilter.nodeNames().size());
            for (String name : preFilter.nodeNames()) {
                NodeInfo node = snapshot.get(name);
                if (node != null) {
                    nodes.add(node);
                }
            }
            // nodes the PreFilter ruled out count under the plugins that narrowed the search
            diagnosis.nodeToStatus().setAbsent(Status.unresolvable(
                    "node(s) didn't satisfy plugin(s) " + PreFilterResult.goList(preFilter.narrowedBy())));
            diagnosis.unschedulablePlugins().addAll(preFilter.narrowedBy());
        }
        NodeInfo nominated = nominatedNode(pod);
        if (nominated != null && framework.runFilterPluginsWithNominatedPods(state, pod, nominated).isSuccess()) {
            // the node preemption made room on: take it without searching (Kubernetes' evaluateNominatedNode)
            return new ScheduleOutcome.Placed(nominated.name(), 1, 1);
        }
        int wanted = numFeasibleNodesToFind(framework.profile().percentageOfNodesToScore(), nodes.size());
        List<NodeInfo> feasible = new ArrayList<>(wanted);
        Status error = findFeasibleNodes(state, pod, nodes, allNodes.size(), wanted, feasible, diagnosis);
        if (error != null) {
            return new ScheduleOutcome.Failed(error);
        }
        int evaluated = feasible.size() + diagnosis.nodeToStatus().size();
        if (feasible.isEmpty()) {
            return new ScheduleOutcome.Unfit(new FitError(allNodes.size(), diagnosis));
        }
        if (feasible.size() == 1) {
            return new ScheduleOutcome.Placed(feasible.get(0).name(), evaluated, 1);
        }
        Status preScore = framework.runPreScorePlugins(state, pod, feasible);
        if (!preScore.isSuccess()) {
            return new ScheduleOutcome.Failed(preScore);
        }
        long[] scores = framework.runScorePlugins(state, pod, feasible);
        return new ScheduleOutcome.Placed(selectHost(feasible, scores), evaluated, feasible.size());
    }

    /** Filters from {@link #nextStartNodeIndex} round the list, stopping once enough nodes pass. Returns an error or null. */
    private Status findFeasibleNodes(CycleState state, PodInfo pod, List<NodeInfo> nodes, int numAllNodes, int wanted,
                                     List<NodeInfo> feasible, Diagnosis diagnosis) {
        int size = nodes.size();
        int start = nodes.size() == numAllNodes ? nextStartNodeIndex % size : 0;
        int processed = 0;
        for (int i = 0; i < size && feasible.size() < wanted; i++) {
            NodeInfo node = nodes.get((start + i) % size);
            processed++;
            Status status = framework.hasFilterPlugins()
                    ? framework.runFilterPluginsWithNominatedPods(state, pod, node) : Status.SUCCESS;
            if (status.isSuccess()) {
                feasible.add(node);
            } else if (status.isRejected()) {
                diagnosis.nodeToStatus().put(node.name(), status);
                diagnosis.addPluginStatus(status);
            } else {
                return status;
            }
        }
        if (numAllNodes > 0) {
            nextStartNodeIndex = (nextStartNodeIndex + processed) % numAllNodes;
        }
        return null;
    }

    private NodeInfo nominatedNode(PodInfo pod) {
        String name = framework.nominatedNodeName(pod);
        return name == null ? null : snapshot.get(name);
    }

    /**
     * Kubernetes' {@code numFeasibleNodesToFind}: all nodes below 100; otherwise the configured
     * percentage, or adaptively {@code 50 - nodes/125} percent (at least 5%), and never under 100.
     */
    static int numFeasibleNodesToFind(int percentageOfNodesToScore, int numAllNodes) {
        if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND) {
            return numAllNodes;
        }
        int percentage = percentageOfNodesToScore;
        if (percentage <= 0) {
            percentage = Math.max(50 - numAllNodes / 125, MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND);
        }
        if (percentage >= 100) {
            return numAllNodes;
        }
        int numNodes = (int) ((long) numAllNodes * percentage / 100);
        return Math.max(numNodes, MIN_FEASIBLE_NODES_TO_FIND);
    }

    /** The highest total score; ties broken uniformly at random (reservoir sampling, as Kubernetes). */
    private String selectHost(List<NodeInfo> nodes, long[] scores) {
        int best = 0;
        int ties = 1;
        for (int i = 1; i < scores.length; i++) {
            if (scores[i] > scores[best]) {
                best = i;
                ties = 1;
            } else if (scores[i] == scores[best]) {
                ties++;
                if (random.nextInt(ties) == 0) {
                    best = i;
                }
            }
        }
        return nodes.get(best).name();
    }
}
