package dev.j8s.net.proxy;

import java.util.List;

/**
 * What the proxy does for one port of one Service: the desired state a sync renders, into nftables
 * rules or userspace listeners.
 *
 * @param namespace the Service's namespace
 * @param service the Service's name
 * @param portName the port's name ("" when the Service has a single unnamed port)
 * @param protocol TCP, UDP or SCTP
 * @param clusterIP the virtual IP, or null for headless Services (which the proxy leaves alone)
 * @param port the Service port
 * @param nodePort the node port, 0 when none
 * @param loadBalancer true for {@code type: LoadBalancer} (the service LB serves {@code port} on the node)
 * @param affinitySeconds the ClientIP affinity timeout, 0 without {@code sessionAffinity: ClientIP}
 * @param backends where new connections go: the ready endpoints, or the serving terminating ones
 *     when none is ready (kube-proxy's fallback, so a rollout's last pods still answer)
 */
public record ServicePortRule(String namespace, String service, String portName, String protocol,
                              String clusterIP, int port, int nodePort, boolean loadBalancer,
                              int affinitySeconds, List<Backend> backends) {

    public ServicePortRule {
        backends = List.copyOf(backends);
    }

    /** {@code namespace/name:port} as kube-proxy names a service port in its logs. */
    public String id() {
        return namespace + "/" + service + ":" + (portName.isEmpty() ? Integer.toString(port) : portName);
    }

    public boolean udp() {
        return "UDP".equals(protocol);
    }
}
