package dev.j8s.agent.kubelet;

import dev.j8s.agent.dns.ClusterDnsSettings;
import dev.j8s.agent.images.ImageGcPolicy;
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
 * @param shutdownDrainDelay how long a Ready pod being deleted keeps running before preStop and SIGTERM, so
 *                      that endpoint removal reaches the proxies first (capped by the grace period; zero: off)
 * @param defaultPodCidr the pod range passed to the runtime when the node gets no spec.podCIDR within
 *                      {@code podCidrWait} (a node without a node IPAM controller); null: wait for one
 * @param podCidrWait   how long a new node waits for its spec.podCIDR before using the default
 * @param metricsInterval how often node and pod usage is reported to metrics.k8s.io (zero: never)
 * @param dns           --cluster-dns, --cluster-domain and --resolv-conf: what pods' resolv.conf is made of
 * @param imageGc       --image-gc-high-threshold, --image-gc-low-threshold, --minimum-image-ttl-duration
 */
public record KubeletConfig(String nodeName, Path dataDir, String nodeIp, Duration leaseInterval, Duration syncPeriod,
                            int workers, Duration shutdownDrainDelay, String defaultPodCidr, Duration podCidrWait,
                            Duration metricsInterval, ClusterDnsSettings dns, ImageGcPolicy imageGc) {

    /** The drain delay by default: a few of j8s's watch round trips, well inside the 30 s default grace period. */
    public static final Duration DEFAULT_SHUTDOWN_DRAIN_DELAY = Duration.ofSeconds(2);

    public static KubeletConfig defaults(String nodeName, Path dataDir, String nodeIp) {
        return new KubeletConfig(nodeName, dataDir, nodeIp, Duration.ofSeconds(2), Duration.ofSeconds(1), 4,
                DEFAULT_SHUTDOWN_DRAIN_DELAY, null, Duration.ofSeconds(3), Duration.ofSeconds(10),
                ClusterDnsSettings.defaults(), ImageGcPolicy.defaults());
    }

    public KubeletConfig withShutdownDrainDelay(Duration delay) {
        return new KubeletConfig(nodeName, dataDir, nodeIp, leaseInterval, syncPeriod, workers, delay, defaultPodCidr,
                podCidrWait, metricsInterval, dns, imageGc);
    }

    public KubeletConfig withDefaultPodCidr(String cidr, Duration wait) {
        return new KubeletConfig(nodeName, dataDir, nodeIp, leaseInterval, syncPeriod, workers, shutdownDrainDelay, cidr,
                wait, metricsInterval, dns, imageGc);
    }

    public KubeletConfig withMetricsInterval(Duration interval) {
        return new KubeletConfig(nodeName, dataDir, nodeIp, leaseInterval, syncPeriod, workers, shutdownDrainDelay,
                defaultPodCidr, podCidrWait, interval, dns, imageGc);
    }

    public KubeletConfig withDns(ClusterDnsSettings settings) {
        return new KubeletConfig(nodeName, dataDir, nodeIp, leaseInterval, syncPeriod, workers, shutdownDrainDelay,
                defaultPodCidr, podCidrWait, metricsInterval, settings, imageGc);
    }

    public KubeletConfig withImageGc(ImageGcPolicy policy) {
        return new KubeletConfig(nodeName, dataDir, nodeIp, leaseInterval, syncPeriod, workers, shutdownDrainDelay,
                defaultPodCidr, podCidrWait, metricsInterval, dns, policy);
    }

    public int leaseDurationSeconds() {
        return (int) Math.max(1, leaseInterval.multipliedBy(4).toSeconds());
    }

    public Path podsDir() {
        return dataDir.resolve("pods");
    }
}
