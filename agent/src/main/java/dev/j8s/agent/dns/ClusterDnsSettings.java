package dev.j8s.agent.dns;

import java.nio.file.Path;
import java.util.List;

/**
 * The kubelet's DNS flags: {@code --cluster-dns} (nameservers of ClusterFirst pods; empty: pods fall
 * back to the Default policy), {@code --cluster-domain} and {@code --resolv-conf} (the host resolver
 * configuration Default pods get, and whose search list ClusterFirst pods inherit).
 */
public record ClusterDnsSettings(List<String> clusterDns, String clusterDomain, Path resolvConf) {

    /** j8s's cluster DNS at 10.43.0.10, cluster.local, and the host's resolv.conf as pods can use it. */
    public static ClusterDnsSettings defaults() {
        return of(List.of("10.43.0.10"), "cluster.local");
    }

    public static ClusterDnsSettings of(List<String> clusterDns, String clusterDomain) {
        return new ClusterDnsSettings(clusterDns, clusterDomain,
                ResolvConf.forPods(Path.of("/etc/resolv.conf"), Path.of("/run/systemd/resolve/resolv.conf")));
    }

    public ClusterDnsSettings {
        clusterDns = List.copyOf(clusterDns);
    }
}
