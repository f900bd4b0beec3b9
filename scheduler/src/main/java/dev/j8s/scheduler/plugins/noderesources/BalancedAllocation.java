package dev.j8s.scheduler.plugins.noderesources;

import dev.j8s.scheduler.framework.CycleState;
import dev.j8s.scheduler.framework.NodeInfo;
import dev.j8s.scheduler.framework.PodInfo;
import dev.j8s.scheduler.framework.PreScorePlugin;
import dev.j8s.scheduler.framework.Resource;
import dev.j8s.scheduler.framework.ScorePlugin;
import dev.j8s.scheduler.framework.Status;
import java.util.List;

/**
 * NodeResourcesBalancedAllocation: favours nodes whose CPU and memory (Kubernetes' default
 * resources) would be used in similar fractions after placing the pod:
 * {@code (1 - stddev(fractions)) * 100}, fractions capped at 1.
 * Uses real requests (no scoring defaults); best-effort pods are skipped, as in Kubernetes.
 */
public final class BalancedAllocation implements PreScorePlugin, ScorePlugin {

    public static final String NAME = "NodeResourcesBalancedAllocation";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status preScore(CycleState state, PodInfo pod, List<NodeInfo> feasibleNodes) {
        Resource requests = pod.requests();
        return requests.milliCpu() == 0 && requests.memory() == 0 ? Status.SKIP : Status.SUCCESS;
    }

    @Override
    public long score(CycleState state, PodInfo pod, NodeInfo node) {
        long cpu = node.allocatable().milliCpu();
        long memory = node.allocatable().memory();
        if (cpu == 0 || memory == 0) {
            // one resource or none: the standard deviation is 0
            return MAX_NODE_SCORE;
        }
        double cpuFraction = Math.min(1.0, (double) (node.requested().milliCpu() + pod.requests().milliCpu()) / cpu);
        double memoryFraction = Math.min(1.0, (double) (node.requested().memory() + pod.requests().memory()) / memory);
        // the standard deviation of two values, as Kubernetes special-cases it: |a - b| / 2
        double std = Math.abs((cpuFraction - memoryFraction) / 2);
        return (long) ((1 - std) * MAX_NODE_SCORE);
    }
}
