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
 * NodeResourcesBalancedAllocation: favours nodes whose CPU and memory would be used in similar
 * fractions after placing the pod: {@code (1 - stddev(fractions)) * 100}, fractions capped at 1.
 * Uses real requests (no scoring defaults); best-effort pods are skipped, as in Kubernetes.
 */
public final class BalancedAllocation implements PreScorePlugin, ScorePlugin {

    public static final String NAME = "NodeResourcesBalancedAllocation";
    private static final List<String> RESOURCES = List.of(Resource.CPU, Resource.MEMORY);

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
        double[] fractions = new double[RESOURCES.size()];
        int count = 0;
        double sum = 0;
        for (String resource : RESOURCES) {
            long allocatable = node.allocatable().get(resource);
            if (allocatable == 0) {
                continue;
            }
            long requested = node.requested().get(resource) + pod.requests().get(resource);
            double fraction = Math.min(1.0, (double) requested / allocatable);
            fractions[count++] = fraction;
            sum += fraction;
        }
        double std = 0;
        if (count == 2) {
            // the two-resource case Kubernetes special-cases: |a - b| / 2
            std = Math.abs((fractions[0] - fractions[1]) / 2);
        } else if (count > 2) {
            double mean = sum / count;
            double squares = 0;
            for (int i = 0; i < count; i++) {
                squares += (fractions[i] - mean) * (fractions[i] - mean);
            }
            std = Math.sqrt(squares / count);
        }
        return (long) ((1 - std) * MAX_NODE_SCORE);
    }
}
