package dev.j8s.agent.kubelet;

import dev.j8s.agent.dns.ClusterDnsSettings;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How a node agent runs.
 *
 * @param nodeName      the Node it registers
 * @param dataDir       pod directories (volumes, logs) and the runtime's state live under it
 * @param nodeIp        the node's InternalIP; with the process runtime also every pod's IP
 * @param leaseInterval how often the Lease is renewed (2 s: j8s's node grace period is 5 s)
 * @param syncPeriod    how often a live pod is looked at again (the PLEG relist and volume refresh)
 * @param workers       threads that sync pods
 * @param dns           --cluster-dns, --cluster-domain and --resolv-conf: what pods' resolv.conf is made of
 */
public record KubeletConfig(String nodeName, Path dataDir, String nodeIp, Duration leaseInterval, Duration syncPeriod,
                            int workers, ClusterDnsSettings dns) {

    public static KubeletConfig defaults(String nodeName, Path dataDir, String nodeIp) {
        return new KubeletConfig(nodeName, dataDir, nodeIp, Duration.ofSeconds(2), Duration.ofSeconds(1), 4,
                ClusterDnsSettings.defaults());
    }

    public KubeletConfig withDns(ClusterDnsSettings settings) {
        return new KubeletConfig(nodeName, dataDir, nodeIp, leaseInterval, syncPeriod, workers, settings);
    }

    public int leaseDurationSeconds() {
        return (int) Math.max(1, leaseInterval.multipliedBy(4).toSeconds());
    }

    public Path podsDir() {
        return dataDir.resolve("pods");
    }
}
