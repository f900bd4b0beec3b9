package dev.j8s.apiserver.servicenet;

import dev.j8s.api.net.Ipv4Cidr;

/**
 * Where Services get their addresses: {@code --service-cluster-ip-range} and
 * {@code --service-node-port-range} of kube-apiserver (k3s defaults: 10.43.0.0/16, 30000-32767).
 */
public record ServiceNetwork(Ipv4Cidr clusterIpRange, PortRange nodePorts) {

    public static final ServiceNetwork DEFAULTS = new ServiceNetwork(Ipv4Cidr.parse("10.43.0.0/16"),
            PortRange.DEFAULT_NODE_PORTS);

    public static ServiceNetwork parse(String clusterIpRange, String nodePortRange) {
        return new ServiceNetwork(Ipv4Cidr.parse(clusterIpRange), PortRange.parse(nodePortRange));
    }

    /** The first address of the range, which belongs to the {@code default/kubernetes} Service. */
    public String kubernetesServiceIp() {
        return clusterIpRange.address(1);
    }
}
