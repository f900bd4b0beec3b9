package dev.j8s.agent.hollow;

import dev.j8s.agent.node.NodeConditions;
import io.fabric8.kubernetes.api.model.NodeAddressBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeStatus;
import io.fabric8.kubernetes.api.model.NodeStatusBuilder;
import io.fabric8.kubernetes.api.model.NodeSystemInfoBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One simulated node: its name, fake addresses (an InternalIP in 127.0.0.0/8 and a /24 pod CIDR
 * in 10.64.0.0/10, none of them ever contacted), the pod IPs it hands out, and whether it is
 * alive. A stopped node keeps its Node object but no longer renews its Lease or touches its pods,
 * which is how a failed kubelet looks to the control plane.
 */
public final class HollowNode {

    /** The kubelet version a hollow node reports: the Kubernetes API version j8s serves. */
    static final String KUBELET_VERSION = "v1.32.3";

    private final String name;
    private final int index;
    private final NodeCapacity capacity;
    private final PodAddressPool podAddresses;
    private final String systemUuid = UUID.randomUUID().toString();
    private volatile boolean running = true;

    HollowNode(String name, int index, NodeCapacity capacity) {
        this.name = name;
        this.index = index;
        this.capacity = capacity;
        this.podAddresses = new PodAddressPool(podNetworkPrefix(index));
    }

    public String name() {
        return name;
    }

    public boolean isRunning() {
        return running;
    }

    void stop() {
        running = false;
    }

    PodAddressPool podAddresses() {
        return podAddresses;
    }

    /** 127.1.0.1 for the first node, then onwards: unique per node, never routed anywhere but loopback. */
    public String internalIp() {
        int n = index + 1;
        return "127." + (1 + n / 65536) + "." + (n / 256 % 256) + "." + (n % 256);
    }

    /** 10.64.0.0/24 for the first node, 10.64.1.0/24 for the second: 16,384 nodes fit in 10.64.0.0/10. */
    public String podCidr() {
        return podNetworkPrefix(index) + "0/24";
    }

    private static String podNetworkPrefix(int index) {
        return "10." + (64 + index / 256) + "." + (index % 256) + ".";
    }

    /** The labels a kubelet puts on its Node. */
    Map<String, String> labels() {
        return Map.of(
                "kubernetes.io/hostname", name,
                "kubernetes.io/os", "linux",
                "kubernetes.io/arch", "amd64",
                "node.kubernetes.io/instance-type", "hollow");
    }

    /** The Node object as the kubelet registers it (the status goes in with a separate status write). */
    Node toNode() {
        return new NodeBuilder()
                .withNewMetadata()
                    .withName(name)
                    .withLabels(labels())
                .endMetadata()
                .withNewSpec()
                    .withPodCIDR(podCidr())
                    .withPodCIDRs(podCidr())
                .endSpec()
                .withStatus(status(Instant.now()))
                .build();
    }

    /** A healthy kubelet's status: Ready, no pressure, capacity equal to allocatable. */
    NodeStatus status(Instant now) {
        Map<String, Quantity> resources = Map.of(
                "cpu", new Quantity(capacity.cpu()),
                "memory", new Quantity(capacity.memory()),
                "pods", new Quantity(capacity.pods()));
        String time = now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        return new NodeStatusBuilder()
                .withCapacity(resources)
                .withAllocatable(resources)
                .withConditions(NodeConditions.of(NodeConditions.Observed.HEALTHY, time))
                .withAddresses(
                        new NodeAddressBuilder().withType("InternalIP").withAddress(internalIp()).build(),
                        new NodeAddressBuilder().withType("Hostname").withAddress(name).build())
                .withNewDaemonEndpoints().withNewKubeletEndpoint().withPort(10250).endKubeletEndpoint()
                .endDaemonEndpoints()
                .withNodeInfo(new NodeSystemInfoBuilder()
                        .withMachineID(systemUuid.replace("-", ""))
                        .withSystemUUID(systemUuid)
                        .withBootID(systemUuid)
                        .withKernelVersion("hollow")
                        .withOsImage("j8s hollow node")
                        .withContainerRuntimeVersion("hollow://1.0.0")
                        .withKubeletVersion(KUBELET_VERSION)
                        .withKubeProxyVersion(KUBELET_VERSION)
                        .withOperatingSystem("linux")
                        .withArchitecture("amd64")
                        .build())
                .build();
    }
}
