package dev.j8s.agent.kubelet;

import dev.j8s.agent.node.AgentVersion;
import dev.j8s.agent.node.NodeConditions;
import dev.j8s.agent.node.NodeLease;
import dev.j8s.agent.podstatus.PodStatusParts;
import dev.j8s.client.ApiStatusException;
import dev.j8s.client.KubeClient;
import dev.j8s.client.ResourceClient;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddressBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeStatus;
import io.fabric8.kubernetes.api.model.NodeStatusBuilder;
import io.fabric8.kubernetes.api.model.NodeSystemInfoBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Registers the node and keeps it current (pkg/kubelet/kubelet_node_status.go): the Node is
 * created with its labels, its status written once, then rewritten only when something in it
 * changes (capacity, a condition's status, addresses) or when {@link #REPORT_FREQUENCY} has passed
 * since the last write (the kubelet's nodeStatusReportFrequency); liveness in between is the Lease.
 */
final class NodeStatusReporter {

    static final Duration REPORT_FREQUENCY = Duration.ofMinutes(5);

    private final ResourceClient<Node> nodes;
    private final NodeLease lease;
    private final String nodeName;
    private final String nodeIp;
    private final Supplier<HostInfo> host;
    private final String runtimeVersion;
    private final Clock clock;
    private final int leaseDurationSeconds;
    private volatile int agentPort = dev.j8s.agent.server.AgentServer.DEFAULT_PORT;
    private String nodeUid;
    private NodeStatus lastWritten;
    private Instant lastWriteTime = Instant.EPOCH;

    NodeStatusReporter(KubeClient client, String nodeName, String nodeIp, Supplier<HostInfo> host,
                       String runtimeVersion, Clock clock, int leaseDurationSeconds) {
        this.nodes = client.resources(Node.class);
        this.lease = new NodeLease(client.resources(Lease.class));
        this.nodeName = nodeName;
        this.nodeIp = nodeIp;
        this.host = host;
        this.runtimeVersion = runtimeVersion;
        this.clock = clock;
        this.leaseDurationSeconds = leaseDurationSeconds;
    }

    void advertiseAgentPort(int port) {
        agentPort = port;
    }

    boolean isRegistered() {
        return nodeUid != null && lease.hasLease(nodeName);
    }

    /** One beat: register if needed, write the status if it changed or is due, renew the Lease. */
    synchronized void beat() {
        Instant now = clock.instant();
        HostInfo info = host.get();
        if (nodeUid == null) {
            nodeUid = register(info).getMetadata().getUid();
        }
        NodeStatus desired = status(info, now);
        boolean due = Duration.between(lastWriteTime, now).compareTo(REPORT_FREQUENCY) >= 0;
        if (lastWritten == null || due || changed(lastWritten, desired)) {
            Node current = nodes.get(null, nodeName);
            current.setStatus(keepTransitions(current.getStatus(), desired));
            lastWritten = nodes.updateStatus(current).getStatus();
            lastWriteTime = now;
        }
        lease.renew(nodeName, nodeUid, leaseDurationSeconds, now);
    }

    private Node register(HostInfo info) {
        Node node = new NodeBuilder()
                .withNewMetadata().withName(nodeName).withLabels(Map.of(
                        "kubernetes.io/hostname", nodeName,
                        "kubernetes.io/os", "linux",
                        "kubernetes.io/arch", info.architecture(),
                        "beta.kubernetes.io/os", "linux",
                        "beta.kubernetes.io/arch", info.architecture()))
                .endMetadata()
                .build();
        try {
            return nodes.create(node);
        } catch (ApiStatusException e) {
            if (!e.isAlreadyExists()) {
                throw e;
            }
            return nodes.get(null, nodeName);
        }
    }

    NodeStatus status(HostInfo info, Instant now) {
        String time = PodStatusParts.time(now);
        return new NodeStatusBuilder()
                .withCapacity(info.capacity())
                .withAllocatable(info.capacity())
                .withConditions(NodeConditions.of(new NodeConditions.Observed(info.memoryPressure(),
                        info.diskPressure(), false, true), time))
                .withAddresses(new NodeAddressBuilder().withType("InternalIP").withAddress(nodeIp).build(),
                        new NodeAddressBuilder().withType("Hostname").withAddress(nodeName).build())
                .withNewDaemonEndpoints().withNewKubeletEndpoint().withPort(agentPort).endKubeletEndpoint().endDaemonEndpoints()
                .withNodeInfo(new NodeSystemInfoBuilder()
                        .withMachineID(info.machineId()).withSystemUUID(info.machineId()).withBootID(info.bootId())
                        .withKernelVersion(info.kernelVersion()).withOsImage(info.osImage())
                        .withContainerRuntimeVersion(runtimeVersion)
                        .withKubeletVersion(AgentVersion.KUBELET_VERSION).withKubeProxyVersion(AgentVersion.KUBELET_VERSION)
                        .withOperatingSystem("linux").withArchitecture(info.architecture()).build())
                .build();
    }

    /** What counts as a change: anything but heartbeat times (and memory/disk figures below a condition flip). */
    static boolean changed(NodeStatus before, NodeStatus after) {
        return !before.getCapacity().equals(after.getCapacity())
                || !before.getAddresses().equals(after.getAddresses())
                || !before.getDaemonEndpoints().equals(after.getDaemonEndpoints())
                || !before.getNodeInfo().equals(after.getNodeInfo())
                || !conditionStatuses(before).equals(conditionStatuses(after));
    }

    private static List<String> conditionStatuses(NodeStatus s) {
        List<String> out = new ArrayList<>();
        for (NodeCondition c : s.getConditions()) {
            out.add(c.getType() + "=" + c.getStatus());
        }
        return out;
    }

    /** A condition whose status did not change keeps its lastTransitionTime. */
    private static NodeStatus keepTransitions(NodeStatus old, NodeStatus desired) {
        if (old == null || old.getConditions() == null) {
            return desired;
        }
        for (NodeCondition c : desired.getConditions()) {
            old.getConditions().stream().filter(o -> o.getType().equals(c.getType()) && o.getStatus().equals(c.getStatus()))
                    .findFirst().ifPresent(o -> c.setLastTransitionTime(o.getLastTransitionTime()));
        }
        return desired;
    }
}
