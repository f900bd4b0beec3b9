package dev.j8s.cli;

import dev.j8s.net.dns.ClusterDns;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The cluster DNS flags of {@code j8s server} (kubelet/k3s names where they exist), the kubelet's among them. */
final class ClusterDnsOptions {

    /** The pod bridge's gateway: the host address every pod on this node can reach. */
    static final String POD_GATEWAY = "10.42.0.1";
    static final int FALLBACK_PORT = 10053;

    @Mixin
    KubeletDnsOptions kubelet = new KubeletDnsOptions();

    @Option(names = "--dns-listen", paramLabel = "IP:PORT",
            description = "Where the cluster DNS listens (default: " + POD_GATEWAY + ":53 when root, as soon as "
                    + "the pod bridge has that address, and 127.0.0.1:" + FALLBACK_PORT + " (or a free port) until then "
                    + "or when not root). The kube-dns Service's endpoint follows it.")
    String dnsListen;

    @Option(names = "--disable-dns", description = "Do not run the cluster DNS.")
    boolean disabled;

    ClusterDns.Config config(String identity) throws UnknownHostException {
        ClusterDns.Listen listen;
        if (dnsListen != null) {
            listen = ClusterDns.Listen.fixed(parse(dnsListen));
        } else {
            InetSocketAddress fallback = new InetSocketAddress(InetAddress.getLoopbackAddress(), FALLBACK_PORT);
            listen = new ClusterDns.Listen("root".equals(System.getProperty("user.name"))
                    ? new InetSocketAddress(InetAddress.getByName(POD_GATEWAY), 53) : null, fallback, true);
        }
        ClusterDns.Config defaults = ClusterDns.Config.defaults(identity, listen)
                .withDomain(kubelet.clusterDns.get(0), kubelet.clusterDomain);
        return new ClusterDns.Config(defaults.clusterDnsIp(), defaults.clusterDomain(), listen, defaults.upstreams(),
                kubelet.resolvConf == null ? defaults.resolvConf() : kubelet.resolvConf, defaults.upstreamTimeout(),
                identity, defaults.ttl());
    }

    /** {@code ip:port}, {@code [v6]:port} or a bare IP (port 53). */
    static InetSocketAddress parse(String value) throws UnknownHostException {
        String host = value;
        int port = 53;
        int colon = value.lastIndexOf(':');
        if (value.startsWith("[")) {
            int end = value.indexOf(']');
            host = value.substring(1, end);
            if (end + 1 < value.length()) {
                port = Integer.parseInt(value.substring(end + 2));
            }
        } else if (colon > 0 && value.indexOf(':') == colon) {
            host = value.substring(0, colon);
            port = Integer.parseInt(value.substring(colon + 1));
        }
        return new InetSocketAddress(InetAddress.getByName(host), port);
    }
}
