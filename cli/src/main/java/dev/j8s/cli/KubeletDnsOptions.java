package dev.j8s.cli;

import dev.j8s.agent.dns.ClusterDnsSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The kubelet's DNS flags, on {@code j8s agent} and (for the local node and the DNS server) {@code j8s server}. */
final class KubeletDnsOptions {

    @Option(names = "--cluster-dns", split = ",", paramLabel = "IP",
            description = "Nameserver of ClusterFirst pods: the kube-dns Service's ClusterIP (default: 10.43.0.10).")
    List<String> clusterDns = new ArrayList<>(List.of("10.43.0.10"));

    @Option(names = "--cluster-domain", defaultValue = "cluster.local", paramLabel = "DOMAIN",
            description = "Cluster domain (default: ${DEFAULT-VALUE}).")
    String clusterDomain = "cluster.local";

    @Option(names = "--resolv-conf", paramLabel = "FILE",
            description = "Host resolver configuration: upstreams of the cluster DNS and what Default pods get "
                    + "(default: /etc/resolv.conf; for pods /run/systemd/resolve/resolv.conf instead when the "
                    + "host's lists only a loopback stub).")
    Path resolvConf;

    ClusterDnsSettings settings() {
        ClusterDnsSettings defaults = ClusterDnsSettings.of(clusterDns, clusterDomain);
        return resolvConf == null ? defaults : new ClusterDnsSettings(clusterDns, clusterDomain, resolvConf);
    }
}
