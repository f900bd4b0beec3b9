package dev.j8s.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The node's service proxy and service LB: the options {@code j8s server} and {@code j8s agent} share. */
final class ServiceProxyOptions {

    /** The pod network (j8s server's --cluster-cidr); null: the proxy's default, 10.42.0.0/16. */
    String clusterCidr;

    @Option(names = "--proxy-mode", defaultValue = "auto", paramLabel = "MODE",
            description = "Service proxy: nftables (root; ClusterIPs and NodePorts in the kernel), userspace "
                    + "(NodePorts and LoadBalancer ports only; ClusterIPs are not routable) or auto (default: "
                    + "nftables when nft can be used, else userspace).")
    String mode = "auto";

    @Option(names = "--nodeport-addresses", split = ",", paramLabel = "CIDR",
            description = "CIDRs of the node addresses that serve NodePorts (default: all of them; 127.0.0.1 "
                    + "through a userspace listener).")
    List<String> nodePortAddresses = new ArrayList<>();

    @Option(names = "--min-sync-period", defaultValue = "200", paramLabel = "MS",
            description = "Milliseconds between two syncs of the proxy's rules; changes in between are applied "
                    + "together (default: ${DEFAULT-VALUE}).")
    long minSyncMillis = 200;

    @Option(names = "--disable-kube-proxy", description = "Run no service proxy on this node.")
    boolean disableProxy;

    @Option(names = "--disable-servicelb",
            description = "Serve no LoadBalancer Services on this node (their status stays pending).")
    boolean disableServiceLb;

    @Option(names = "--servicelb-bind-address", defaultValue = "0.0.0.0", paramLabel = "IP",
            description = "Address LoadBalancer ports listen on (default: ${DEFAULT-VALUE}).")
    String serviceLbBindAddress = "0.0.0.0";

    @Option(names = "--servicelb-ingress-ip", paramLabel = "IP",
            description = "Address written to LoadBalancer Services' status.loadBalancer.ingress (default: the "
                    + "node's IP).")
    String serviceLbIngressIp;
}
