package dev.j8s.net.proxy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Renders the proxy's rules as one nftables script that replaces j8s's own table atomically
 * ({@code nft -f} applies a file as one transaction). The layout follows kube-proxy's nftables mode:
 * verdict maps keyed by {@code daddr . l4proto . dport} jump to a chain per service port, which picks
 * an endpoint chain with {@code numgen random mod N}; endpoint chains DNAT. Sessions with ClientIP
 * affinity are remembered in a timed set per endpoint. Service ports without endpoints are rejected in
 * filter chains before NAT, so clients fail at once instead of timing out.
 *
 * <p>The whole table is rewritten on every sync: at the scale of a j8s node (hundreds of service
 * ports) a script of a few hundred lines applies in milliseconds, and it cannot drift from the caches.
 */
public final class NftRuleset {

    /** The packet mark that asks the postrouting chain to masquerade (kube-proxy's 0x4000). */
    static final String MASQUERADE_MARK = "0x4000";

    /**
     * @param table the table's name in the {@code ip} family
     * @param clusterCidr the pod network: traffic to a ClusterIP from outside it is masqueraded so replies
     *     come back through this node
     * @param nodePortAddresses CIDRs whose addresses serve NodePorts; empty means every local address but
     *     loopback (localhost NodePorts are served by userspace listeners, see {@link ServiceProxy})
     */
    public record Options(String table, String clusterCidr, List<String> nodePortAddresses) {
        public Options {
            nodePortAddresses = List.copyOf(nodePortAddresses);
        }
    }

    private NftRuleset() {}

    /** The script that creates (or replaces) the table with these rules. */
    public static String render(List<ServicePortRule> rules, Options options) {
        StringBuilder out = new StringBuilder();
        String table = "ip " + options.table();
        // "add" then "delete" then define: replaces an existing table and creates a missing one, in one transaction.
        out.append("add table ").append(table).append('\n');
        out.append("delete table ").append(table).append('\n');
        out.append("table ").append(table).append(" {\n");
        baseChains(out, options);
        List<String> serviceIps = new ArrayList<>();
        List<String> nodePorts = new ArrayList<>();
        List<String> noEndpointIps = new ArrayList<>();
        List<String> noEndpointNodePorts = new ArrayList<>();
        StringBuilder chains = new StringBuilder();
        for (ServicePortRule rule : rules) {
            if ("SCTP".equals(rule.protocol())) {
                continue; // the maps key on tcp/udp ports; SCTP Services are not proxied
            }
            String proto = rule.protocol().toLowerCase(Locale.ROOT);
            String clusterIp = rule.clusterIP() != null && isIpv4(rule.clusterIP()) ? rule.clusterIP() : null;
            List<Backend> backends = rule.backends().stream().filter(b -> isIpv4(b.address())).toList();
            if (backends.isEmpty()) {
                if (clusterIp != null) {
                    noEndpointIps.add(clusterIp + " . " + proto + " . " + rule.port() + " : goto reject-chain");
                }
                if (rule.nodePort() > 0) {
                    noEndpointNodePorts.add(proto + " . " + rule.nodePort() + " : goto reject-chain");
                }
                continue;
            }
            String svcChain = chainName("svc", rule, null);
            if (clusterIp != null) {
                serviceIps.add(clusterIp + " . " + proto + " . " + rule.port() + " : goto " + svcChain);
            }
            if (rule.nodePort() > 0) {
                String extChain = chainName("ext", rule, null);
                nodePorts.add(proto + " . " + rule.nodePort() + " : goto " + extChain);
                // NodePort traffic may come from anywhere: masquerade it so replies return through this node.
                chain(chains, extChain, "jump mark-for-masquerade", "goto " + svcChain);
            }
            serviceChain(chains, svcChain, rule, backends, options);
            for (Backend backend : backends) {
                endpointChain(chains, rule, backend, proto);
            }
        }
        map(out, "service-ips", "ipv4_addr . inet_proto . inet_service", serviceIps);
        map(out, "service-nodeports", "inet_proto . inet_service", nodePorts);
        map(out, "no-endpoint-services", "ipv4_addr . inet_proto . inet_service", noEndpointIps);
        map(out, "no-endpoint-nodeports", "inet_proto . inet_service", noEndpointNodePorts);
        for (ServicePortRule rule : rules) {
            if (rule.affinitySeconds() > 0 && !"SCTP".equals(rule.protocol())) {
                for (Backend backend : rule.backends()) {
                    if (isIpv4(backend.address())) {
                        out.append("  set ").append(chainName("affinity", rule, backend)).append(" {\n")
                                .append("    type ipv4_addr\n    flags dynamic,timeout\n")
                                .append("    timeout ").append(rule.affinitySeconds()).append("s\n  }\n");
                    }
                }
            }
        }
        out.append(chains);
        out.append("}\n");
        return out.toString();
    }

    /** The script that removes the table (the proxy's close). */
    public static String deleteTable(Options options) {
        return "add table ip " + options.table() + "\ndelete table ip " + options.table() + "\n";
    }

    private static void baseChains(StringBuilder out, Options options) {
        String local = nodePortMatch(options);
        chain(out, "nat-prerouting", "type nat hook prerouting priority -100; policy accept;", "jump services");
        chain(out, "nat-output", "type nat hook output priority -100; policy accept;", "jump services");
        chain(out, "nat-postrouting", "type nat hook postrouting priority 100; policy accept;", "jump masquerading");
        // Before NAT (-100): reject new connections to service ports that have no endpoint.
        chain(out, "filter-input", "type filter hook input priority -110; policy accept;", "ct state new jump endpoints-check");
        chain(out, "filter-forward", "type filter hook forward priority -110; policy accept;", "ct state new jump endpoints-check");
        chain(out, "filter-output", "type filter hook output priority -110; policy accept;", "ct state new jump endpoints-check");
        chain(out, "endpoints-check",
                "ip daddr . meta l4proto . th dport vmap @no-endpoint-services",
                local + " meta l4proto . th dport vmap @no-endpoint-nodeports");
        chain(out, "reject-chain", "meta l4proto tcp reject with tcp reset", "reject");
        chain(out, "services",
                "ip daddr . meta l4proto . th dport vmap @service-ips",
                local + " meta l4proto . th dport vmap @service-nodeports");
        chain(out, "mark-for-masquerade", "meta mark set meta mark | " + MASQUERADE_MARK);
        chain(out, "masquerading",
                "meta mark & " + MASQUERADE_MARK + " == 0 return",
                "meta mark set meta mark ^ " + MASQUERADE_MARK,
                "masquerade fully-random");
    }

    /** Which destinations are "this node" for NodePorts. */
    private static String nodePortMatch(Options options) {
        if (!options.nodePortAddresses().isEmpty()) {
            return "ip daddr { " + String.join(", ", options.nodePortAddresses()) + " } ip daddr != 127.0.0.0/8";
        }
        // Loopback is left to userspace listeners: DNAT from 127.0.0.1 would need route_localnet.
        return "fib daddr type local ip daddr != 127.0.0.0/8";
    }

    private static void serviceChain(StringBuilder out, String name, ServicePortRule rule, List<Backend> backends,
                                     Options options) {
        List<String> lines = new ArrayList<>();
        if (rule.clusterIP() != null && isIpv4(rule.clusterIP())) {
            // From the host or another network, replies must come back through the node to be un-NATed.
            lines.add("ip daddr " + rule.clusterIP() + " ip saddr != " + options.clusterCidr()
                    + " jump mark-for-masquerade");
        }
        if (rule.affinitySeconds() > 0) {
            for (Backend backend : backends) {
                lines.add("ip saddr @" + chainName("affinity", rule, backend) + " goto "
                        + chainName("endpoint", rule, backend));
            }
        }
        StringBuilder vmap = new StringBuilder("numgen random mod " + backends.size() + " vmap { ");
        for (int i = 0; i < backends.size(); i++) {
            vmap.append(i == 0 ? "" : ", ").append(i).append(" : goto ")
                    .append(chainName("endpoint", rule, backends.get(i)));
        }
        lines.add(vmap.append(" }").toString());
        chain(out, name, lines.toArray(String[]::new));
    }

    private static void endpointChain(StringBuilder out, ServicePortRule rule, Backend backend, String proto) {
        List<String> lines = new ArrayList<>();
        // Hairpin: a pod reaching itself through its Service must see the reply come from the node.
        lines.add("ip saddr " + backend.address() + " jump mark-for-masquerade");
        if (rule.affinitySeconds() > 0) {
            lines.add("update @" + chainName("affinity", rule, backend) + " { ip saddr }");
        }
        lines.add("meta l4proto " + proto + " dnat to " + backend.address() + ":" + backend.port());
        chain(out, chainName("endpoint", rule, backend), lines.toArray(String[]::new));
    }

    private static void chain(StringBuilder out, String name, String... lines) {
        out.append("  chain ").append(name).append(" {\n");
        for (String line : lines) {
            out.append("    ").append(line).append('\n');
        }
        out.append("  }\n");
    }

    private static void map(StringBuilder out, String name, String type, List<String> elements) {
        out.append("  map ").append(name).append(" {\n    type ").append(type).append(" : verdict\n");
        if (!elements.isEmpty()) {
            out.append("    elements = {\n");
            for (int i = 0; i < elements.size(); i++) {
                out.append("      ").append(elements.get(i)).append(i + 1 < elements.size() ? ",\n" : "\n");
            }
            out.append("    }\n");
        }
        out.append("  }\n");
    }

    /**
     * A chain or set name as kube-proxy builds them: a short hash that keeps names unique, then the
     * readable {@code namespace/service/protocol/port} (and {@code __address/port} for an endpoint).
     */
    static String chainName(String prefix, ServicePortRule rule, Backend backend) {
        String readable = rule.namespace() + "/" + rule.service() + "/" + rule.protocol().toLowerCase(Locale.ROOT)
                + "/" + (rule.portName().isEmpty() ? "p" + rule.port() : rule.portName())
                + (backend == null ? "" : "__" + backend.address() + "/" + backend.port());
        return prefix + "-" + hash(readable) + "-" + readable;
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().withoutPadding().encodeToString(digest).substring(0, 8)
                    .toUpperCase(Locale.ROOT).replace('+', 'X').replace('/', 'Y');
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean isIpv4(String address) {
        return address.indexOf(':') < 0 && address.chars().filter(c -> c == '.').count() == 3;
    }
}
