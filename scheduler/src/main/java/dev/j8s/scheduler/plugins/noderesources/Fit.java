package dev.j8s.scheduler.plugins.noderesources;

import dev.j8s.scheduler.framework.CycleState;
import dev.j8s.scheduler.framework.FilterPlugin;
import dev.j8s.scheduler.framework.NodeInfo;
import dev.j8s.scheduler.framework.PodInfo;
import dev.j8s.scheduler.framework.Resource;
import dev.j8s.scheduler.framework.ScorePlugin;
import dev.j8s.scheduler.framework.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * NodeResourcesFit. Filter: the node's allocatable must cover what its pods already request plus
 * this pod's requests, for every requested resource, and leave room for one more pod; each
 * shortage is its own reason ("Insufficient cpu", "Too many pods"). Score: the LeastAllocated
 * strategy (Kubernetes' default), favouring nodes with the most CPU and memory left.
 */
public final class Fit implements FilterPlugin, ScorePlugin {

    public static final String NAME = "NodeResourcesFit";
    public static final String TOO_MANY_PODS = "Too many pods";

    /** The default scoring resources and weights of Kubernetes' NodeResourcesFitArgs. */
    private static final List<String> SCORED = List.of(Resource.CPU, Resource.MEMORY);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status filter(CycleState state, PodInfo pod, NodeInfo node) {
        List<String> reasons = insufficientResources(pod.requests(), node);
        return reasons.isEmpty() ? Status.SUCCESS : Status.unschedulable(reasons.toArray(String[]::new));
    }

    /** The shortages, in Kubernetes' order: pods, cpu, memory, ephemeral-storage, then extended resources. */
    static List<String> insufficientResources(Resource request, NodeInfo node) {
        List<String> reasons = new ArrayList<>(1);
        Resource allocatable = node.allocatable();
        Resource requested = node.requested();
        if (node.pods().size() + 1 > allocatable.allowedPodNumber()) {
            reasons.add(TOO_MANY_PODS);
        }
        if (request.isZero()) {
            return reasons;
        }
        if (request.milliCpu() > 0 && request.milliCpu() > allocatable.milliCpu() - requested.milliCpu()) {
            reasons.add("Insufficient " + Resource.CPU);
        }
        if (request.memory() > 0 && request.memory() > allocatable.memory() - requested.memory()) {
            reasons.add("Insufficient " + Resource.MEMORY);
        }
        if (request.ephemeralStorage() > 0
                && request.ephemeralStorage() > allocatable.ephemeralStorage() - requested.ephemeralStorage()) {
            reasons.add("Insufficient " + Resource.EPHEMERAL_STORAGE);
        }
        for (Map.Entry<String, Long> scalar : request.scalars().entrySet()) {
            long wanted = scalar.getValue();
            if (wanted > 0 && wanted > allocatable.scalar(scalar.getKey()) - requested.scalar(scalar.getKey())) {
                reasons.add("Insufficient " + scalar.getKey());
            }
        }
        return reasons;
    }

    /**
     * LeastAllocated: per resource {@code (allocatable - requested) * 100 / allocatable}, with
     * requested counting scoring defaults for containers without requests; averaged by weight.
     * Resources the node does not offer are left out.
     */
    @Override
    public long score(CycleState state, PodInfo pod, NodeInfo node) {
        long total = 0;
        long weights = 0;
        for (String resource : SCORED) {
            long allocatable = node.allocatable().get(resource);
            if (allocatable == 0) {
                continue;
            }
            long requested = node.nonZeroRequested().get(resource) + pod.nonZeroRequests().get(resource);
            total += requested > allocatable ? 0 : (allocatable - requested) * MAX_NODE_SCORE / allocatable;
            weights++;
        }
        return weights == 0 ? 0 : total / weights;
    }
}
