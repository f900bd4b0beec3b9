package dev.j8s.agent.runtime;

/**
 * A container port published on the node (a container's {@code ports[].hostPort}), as CRI's PortMapping:
 * the runtime's network (CNI portmap) forwards {@code hostIp:hostPort} to the pod's {@code containerPort}.
 *
 * @param protocol TCP, UDP or SCTP
 * @param hostIp   the node address to publish on; empty for all of them
 */
public record PortMapping(String protocol, int containerPort, int hostPort, String hostIp) {

    public PortMapping {
        protocol = protocol == null || protocol.isEmpty() ? "TCP" : protocol;
        hostIp = hostIp == null ? "" : hostIp;
    }
}
