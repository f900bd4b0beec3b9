package dev.j8s.cli;

import dev.j8s.apiserver.servicenet.ServiceNetwork;
import dev.j8s.controllers.nodeipam.NodeIpamController;
import picocli.CommandLine.Option;

/** The address ranges of a cluster, with the names k3s and kube-apiserver/kube-controller-manager give the flags. */
final class ServiceNetworkOptions {

    @Option(names = "--service-cluster-ip-range", defaultValue = "10.43.0.0/16", paramLabel = "CIDR",
            description = "IPv4 range of Service cluster IPs; its first address is the kubernetes Service's "
                    + "(default: ${DEFAULT-VALUE}).")
    String serviceClusterIpRange;

    @Option(names = "--service-node-port-range", defaultValue = "30000-32767", paramLabel = "MIN-MAX",
            description = "Port range of NodePort Services (default: ${DEFAULT-VALUE}).")
    String serviceNodePortRange;

    @Option(names = "--cluster-cidr", defaultValue = "10.42.0.0/16", paramLabel = "CIDR",
            description = "IPv4 range node pod ranges (spec.podCIDR) are taken from (default: ${DEFAULT-VALUE}).")
    String clusterCidr;

    @Option(names = "--node-cidr-mask-size", defaultValue = "24", paramLabel = "BITS",
            description = "Prefix length of each node's pod range (default: ${DEFAULT-VALUE}).")
    int nodeCidrMaskSize;

    ServiceNetwork serviceNetwork() {
        return ServiceNetwork.parse(serviceClusterIpRange, serviceNodePortRange);
    }

    NodeIpamController.Settings nodeIpam() {
        NodeIpamController.Settings settings = new NodeIpamController.Settings(clusterCidr, nodeCidrMaskSize);
        settings.validate();
        return settings;
    }
}
