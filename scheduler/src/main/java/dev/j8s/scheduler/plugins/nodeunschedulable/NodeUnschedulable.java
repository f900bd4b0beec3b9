package dev.j8s.scheduler.plugins.nodeunschedulable;

import dev.j8s.scheduler.framework.CycleState;
import dev.j8s.scheduler.framework.FilterPlugin;
import dev.j8s.scheduler.framework.NodeInfo;
import dev.j8s.scheduler.framework.PodInfo;
import dev.j8s.scheduler.framework.Status;
import dev.j8s.scheduler.framework.Tolerations;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;

/**
 * A cordoned node ({@code spec.unschedulable}) takes only pods that tolerate the
 * {@code node.kubernetes.io/unschedulable:NoSchedule} taint (DaemonSet pods do).
 */
public final class NodeUnschedulable implements FilterPlugin {

    public static final String NAME = "NodeUnschedulable";
    public static final String ERR_REASON_UNSCHEDULABLE = "node(s) were unschedulable";

    private static final Taint UNSCHEDULABLE_TAINT = new TaintBuilder()
            .withKey("node.kubernetes.io/unschedulable").withEffect("NoSchedule").build();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status filter(CycleState state, PodInfo pod, NodeInfo node) {
        if (!node.unschedulable() || Tolerations.toleratedBy(UNSCHEDULABLE_TAINT, pod.tolerations())) {
            return Status.SUCCESS;
        }
        return Status.unresolvable(ERR_REASON_UNSCHEDULABLE);
    }
}
