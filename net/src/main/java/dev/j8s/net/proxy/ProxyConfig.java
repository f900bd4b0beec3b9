package dev.j8s.net.proxy;

import java.time.Duration;
import java.util.List;

/**
 * Settings of the service proxy; the flags of {@code j8s server} and {@code j8s agent} carry kube-proxy's names.
 *
 * @param mode {@code --proxy-mode}
 * @param clusterCidr {@code --cluster-cidr}: the pod network (traffic to ClusterIPs from elsewhere is masqueraded)
 * @param nodePortAddresses {@code --nodeport-addresses}: CIDRs whose local addresses serve NodePorts; empty for all
 * @param minSyncPeriod {@code --min-sync-period}: changes closer together are applied in one sync
 * @param table the nftables table (family ip) the proxy owns
 * @param nft the nft command (a prefix such as {@code ip netns exec NS nft} in tests)
 */
public record ProxyConfig(ProxyMode mode, String clusterCidr, List<String> nodePortAddresses,
                          Duration minSyncPeriod, String table, List<String> nft) {

    public static final String DEFAULT_CLUSTER_CIDR = "10.42.0.0/16";

    public ProxyConfig {
        nodePortAddresses = List.copyOf(nodePortAddresses);
        nft = List.copyOf(nft);
    }

    public static ProxyConfig defaults(ProxyMode mode) {
        return new ProxyConfig(mode, DEFAULT_CLUSTER_CIDR, List.of(), Duration.ofMillis(200), "j8s", List.of("nft"));
    }

    public ProxyConfig withNodePortAddresses(List<String> cidrs) {
        return new ProxyConfig(mode, clusterCidr, cidrs, minSyncPeriod, table, nft);
    }

    public ProxyConfig withNft(String table, List<String> command) {
        return new ProxyConfig(mode, clusterCidr, nodePortAddresses, minSyncPeriod, table, command);
    }

    public ProxyConfig withClusterCidr(String cidr) {
        return new ProxyConfig(mode, cidr, nodePortAddresses, minSyncPeriod, table, nft);
    }
}
