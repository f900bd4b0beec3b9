package dev.j8s.scheduler.plugins.tainttoleration;

import dev.j8s.scheduler.framework.CycleState;
import dev.j8s.scheduler.framework.FilterPlugin;
import dev.j8s.scheduler.framework.NodeInfo;
import dev.j8s.scheduler.framework.PodInfo;
import dev.j8s.scheduler.framework.PreScorePlugin;
import dev.j8s.scheduler.framework.ScorePlugin;
import dev.j8s.scheduler.framework.Status;
import dev.j8s.scheduler.framework.Tolerations;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;

/**
 * Filter: a NoSchedule or NoExecute taint the pod does not tolerate rules the node out.
 * Score: fewer untolerated PreferNoSchedule taints is better (normalized in reverse).
 */
public final class TaintToleration implements FilterPlugin, PreScorePlugin, ScorePlugin {

    public static final String NAME = "TaintToleration";
    private static final String STATE_KEY = "PreScore" + NAME;

    private record PreferNoScheduleTolerations(List<Toleration> tolerations) implements CycleState.StateData {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status filter(CycleState state, PodInfo pod, NodeInfo node) {
        if (node.taints().isEmpty()) {
            return Status.SUCCESS;
        }
        Taint taint = Tolerations.firstUntolerated(node.taints(), pod.tolerations(),
                t -> "NoSchedule".equals(t.getEffect()) || "NoExecute".equals(t.getEffect()));
        if (taint == null) {
            return Status.SUCCESS;
        }
        return Status.unresolvable("node(s) had untolerated taint {" + taint.getKey() + ": "
                + (taint.getValue() == null ? "" : taint.getValue()) + "}");
    }

    @Override
    public Status preScore(CycleState state, PodInfo pod, List<NodeInfo> feasibleNodes) {
        // only tolerations that can apply to PreferNoSchedule taints count for scoring
        List<Toleration> relevant = pod.tolerations().stream()
                .filter(t -> t.getEffect() == null || t.getEffect().isEmpty() || "PreferNoSchedule".equals(t.getEffect()))
                .toList();
        state.write(STATE_KEY, new PreferNoScheduleTolerations(relevant));
        return Status.SUCCESS;
    }

    @Override
    public long score(CycleState state, PodInfo pod, NodeInfo node) {
        if (node.taints().isEmpty()) {
            return 0;
        }
        PreferNoScheduleTolerations tolerations = state.read(STATE_KEY, PreferNoScheduleTolerations.class);
        List<Toleration> list = tolerations == null ? pod.tolerations() : tolerations.tolerations();
        long intolerable = 0;
        for (Taint taint : node.taints()) {
            if ("PreferNoSchedule".equals(taint.getEffect()) && !Tolerations.toleratedBy(taint, list)) {
                intolerable++;
            }
        }
        return intolerable;
    }

    @Override
    public void normalize(CycleState state, PodInfo pod, List<NodeInfo> nodes, long[] scores) {
        ScorePlugin.defaultNormalize(scores, true);
    }
}
