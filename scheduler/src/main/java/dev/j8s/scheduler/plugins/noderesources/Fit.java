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
 * shortage is its own reason ("Insufficient cpu", "Too many pods"). As in current Kubernetes, a
 * request above the node's whole allocatable is UnschedulableAndUnresolvable. Score: the LeastAllocated
 * strategy (Kubernetes' default), favouring nodes with the most CPU and memory left.
 */
public final class Fit implements FilterPlugin, ScorePlugin {

    public static final String NAME = "NodeResourcesFit";
    public static final String TOO_MANY_PODS = "Too many pods";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status filter(CycleState state, PodInfo pod, NodeInfo node) {
        if (fits(pod.requests(), node)) {
            return Status.SUCCESS;
        }
        List<Shortage> shortages = insufficientResources(pod.requests(), node);
        if (shortages.isEmpty()) {
            return Status.SUCCESS;
        }
        // a request larger than the whole node cannot be met by evicting pods (preemption skips it)
        boolean unresolvable = shortages.stream().anyMatch(Shortage::unresolvable);
        String[] reasons = shortages.stream().map(Shortage::reason).toArray(String[]::new);
        return unresolvable ? Status.unresolvable(reasons) : Status.unschedulable(reasons);
    }

    /** The allocation-free check run on every node of every cycle; reasons are built only on failure. */
    private static boolean fits(Resource request, NodeInfo node) {
        Resource allocatable = node.allocatable();
        Resource requested = node.requested();
        return node.pods().size() < allocatable.allowedPodNumber()
                && request.milliCpu() <= allocatable.milliCpu() - requested.milliCpu()
                && request.memory() <= allocatable.memory() - requested.memory()
                && request.ephemeralStorage() <= allocatable.ephemeralStorage() - requested.ephemeralStorage()
                && request.scalars().isEmpty();
    }

    /** One resource the node lacks; unresolvable when the pod asks more than the node's allocatable. */
    record Shortage(String reason, boolean unresolvable) {
    }

    /** The shortages, in Kubernetes' order: pods, cpu, memory, ephemeral-storage, then extended resources. */
    static List<Shortage> insufficientResources(Resource request, NodeInfo node) {
        List<Shortage> shortages = new ArrayList<>(1);
        Resource allocatable = node.allocatable();
        Resource requested = node.requested();
        if (node.pods().size() + 1 > allocatable.allowedPodNumber()) {
            shortages.add(new Shortage(TOO_MANY_PODS, false));
        }
        if (request.isZero()) {
            return shortages;
        }
        check(shortages, Resource.CPU, request.milliCpu(), allocatable.milliCpu(), requested.milliCpu());
        check(shortages, Resource.MEMORY, request.memory(), allocatable.memory(), requested.memory());
        check(shortages, Resource.EPHEMERAL_STORAGE, request.ephemeralStorage(), allocatable.ephemeralStorage(),
                requested.ephemeralStorage());
        for (Map.Entry<String, Long> scalar : request.scalars().entrySet()) {
            check(shortages, scalar.getKey(), scalar.getValue(), allocatable.scalar(scalar.getKey()),
                    requested.scalar(scalar.getKey()));
        }
        return shortages;
    }

    private static void check(List<Shortage> shortages, String resource, long wanted, long allocatable, long requested) {
        if (wanted > 0 && wanted > allocatable - requested) {
            shortages.add(new Shortage("Insufficient " + resource, wanted > allocatable));
        }
    }

    /**
     * LeastAllocated over Kubernetes' default scoring resources (cpu and memory, weight 1 each):
     * per resource {@code (allocatable - requested) * 100 / allocatable}, with requested counting
     * scoring defaults for containers without requests; averaged. Resources the node does not offer
     * are left out.
     */
    @Override
    public long score(CycleState state, PodInfo pod, NodeInfo node) {
        long total = 0;
        long weights = 0;
        long cpu = node.allocatable().milliCpu();
        if (cpu != 0) {
            total += leastRequested(node.nonZeroRequested().milliCpu() + pod.nonZeroRequests().milliCpu(), cpu);
            weights++;
        }
        long memory = node.allocatable().memory();
        if (memory != 0) {
            total += leastRequested(node.nonZeroRequested().memory() + pod.nonZeroRequests().memory(), memory);
            weights++;
        }
        return weights == 0 ? 0 : total / weights;
    }

    private static long leastRequested(long requested, long allocatable) {
        return requested > allocatable ? 0 : (allocatable - requested) * MAX_NODE_SCORE / allocatable;
    }
}
