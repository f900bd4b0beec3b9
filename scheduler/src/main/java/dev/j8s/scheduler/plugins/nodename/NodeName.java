package dev.j8s.scheduler.plugins.nodename;

import dev.j8s.scheduler.framework.CycleState;
import dev.j8s.scheduler.framework.FilterPlugin;
import dev.j8s.scheduler.framework.NodeInfo;
import dev.j8s.scheduler.framework.PodInfo;
import dev.j8s.scheduler.framework.Status;

/** A pod that already names a node ({@code spec.nodeName}) fits only that node. */
public final class NodeName implements FilterPlugin {

    public static final String NAME = "NodeName";
    public static final String ERR_REASON = "node(s) didn't match the requested node name";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status filter(CycleState state, PodInfo pod, NodeInfo node) {
        String wanted = pod.nodeName();
        if (wanted == null || wanted.isEmpty() || wanted.equals(node.name())) {
            return Status.SUCCESS;
        }
        return Status.unresolvable(ERR_REASON);
    }
}
