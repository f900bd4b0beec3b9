package dev.j8s.agent.node;

import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import java.util.List;

/**
 * The four conditions a kubelet reports on its Node, with the kubelet's reasons and messages
 * (pkg/kubelet/nodestatus: KubeletHasSufficientMemory / KubeletHasInsufficientMemory, ...).
 */
public final class NodeConditions {

    private NodeConditions() {}

    /** What the node observed; {@code ready} false only when the runtime is not usable. */
    public record Observed(boolean memoryPressure, boolean diskPressure, boolean pidPressure, boolean ready) {
        public static final Observed HEALTHY = new Observed(false, false, false, true);
    }

    /** All four conditions with {@code time} as heartbeat and transition time. */
    public static List<NodeCondition> of(Observed o, String time) {
        return List.of(
                o.memoryPressure()
                        ? condition("MemoryPressure", "True", "KubeletHasInsufficientMemory",
                                "kubelet has insufficient memory available", time)
                        : condition("MemoryPressure", "False", "KubeletHasSufficientMemory",
                                "kubelet has sufficient memory available", time),
                o.diskPressure()
                        ? condition("DiskPressure", "True", "KubeletHasDiskPressure", "kubelet has disk pressure", time)
                        : condition("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure", time),
                o.pidPressure()
                        ? condition("PIDPressure", "True", "KubeletHasInsufficientPID",
                                "kubelet has insufficient PID available", time)
                        : condition("PIDPressure", "False", "KubeletHasSufficientPID",
                                "kubelet has sufficient PID available", time),
                o.ready()
                        ? condition("Ready", "True", "KubeletReady", "kubelet is posting ready status", time)
                        : condition("Ready", "False", "KubeletNotReady", "container runtime is down", time));
    }

    private static NodeCondition condition(String type, String status, String reason, String message, String time) {
        return new NodeConditionBuilder().withType(type).withStatus(status).withReason(reason).withMessage(message)
                .withLastHeartbeatTime(time).withLastTransitionTime(time).build();
    }
}
