package dev.j8s.scheduler.plugins.nodeports;

import dev.j8s.scheduler.framework.CycleState;
import dev.j8s.scheduler.framework.FilterPlugin;
import dev.j8s.scheduler.framework.HostPort;
import dev.j8s.scheduler.framework.NodeInfo;
import dev.j8s.scheduler.framework.NodeInfoLister;
import dev.j8s.scheduler.framework.PodInfo;
import dev.j8s.scheduler.framework.PreFilterPlugin;
import dev.j8s.scheduler.framework.PreFilterResult;
import dev.j8s.scheduler.framework.Status;

/** A pod asking for host ports fits only nodes where no pod holds a conflicting one. */
public final class NodePorts implements PreFilterPlugin, FilterPlugin {

    public static final String NAME = "NodePorts";
    public static final String ERR_REASON = "node(s) didn't have free ports for the requested pod ports";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public PreFilterResult preFilter(CycleState state, PodInfo pod, NodeInfoLister nodes) {
        return pod.hostPorts().isEmpty() ? PreFilterResult.SKIP : PreFilterResult.SUCCESS;
    }

    @Override
    public Status filter(CycleState state, PodInfo pod, NodeInfo node) {
        for (HostPort port : pod.hostPorts()) {
            if (node.usedPorts().conflicts(port)) {
                return Status.unschedulable(ERR_REASON);
            }
        }
        return Status.SUCCESS;
    }
}
