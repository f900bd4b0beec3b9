package dev.j8s.agent.dns;

import dev.j8s.agent.runtime.DnsConfig;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodDNSConfig;
import io.fabric8.kubernetes.api.model.PodDNSConfigOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * A pod's resolv.conf as the kubelet computes it (pkg/kubelet/network/dns GetPodDNS):
 * <ul>
 * <li>{@code ClusterFirst} (the default): the cluster DNS as nameserver, the search list
 * {@code <ns>.svc.<domain> svc.<domain> <domain>} followed by the host's, and {@code ndots:5};</li>
 * <li>{@code ClusterFirst} with {@code hostNetwork}, and {@code Default}: the host's resolv.conf;</li>
 * <li>{@code ClusterFirstWithHostNet}: the cluster DNS even with {@code hostNetwork};</li>
 * <li>{@code None}: nothing but the pod's {@code dnsConfig}.</li>
 * </ul>
 * The pod's {@code dnsConfig} is then merged in (nameservers and searches appended without duplicates,
 * options overriding by name), and the result cut to the resolver's limits: 3 nameservers, 32 search
 * domains of at most 2048 characters together.
 */
public final class PodDnsConfigurer {

    static final int MAX_NAMESERVERS = 3;
    static final int MAX_SEARCHES = 32;
    static final int MAX_SEARCH_CHARS = 2048;

    private final ClusterDnsSettings settings;
    private final ResolvConf host;

    public PodDnsConfigurer(ClusterDnsSettings settings) {
        this(settings, ResolvConf.read(settings.resolvConf()));
    }

    PodDnsConfigurer(ClusterDnsSettings settings, ResolvConf host) {
        this.settings = settings;
        this.host = host;
    }

    public DnsConfig configFor(Pod pod) {
        var spec = pod.getSpec();
        boolean hostNetwork = Boolean.TRUE.equals(spec.getHostNetwork());
        String policy = spec.getDnsPolicy() == null || spec.getDnsPolicy().isEmpty() ? "ClusterFirst" : spec.getDnsPolicy();
        boolean cluster = switch (policy) {
            case "ClusterFirstWithHostNet" -> true;
            case "ClusterFirst" -> !hostNetwork;
            default -> false;
        };
        if (cluster && settings.clusterDns().isEmpty()) {
            cluster = false; // the kubelet without --cluster-dns: "falling back to Default policy"
        }
        List<String> servers;
        List<String> searches;
        List<String> options;
        if (policy.equals("None")) {
            servers = List.of();
            searches = List.of();
            options = List.of();
        } else if (cluster) {
            servers = settings.clusterDns();
            searches = clusterSearches(pod.getMetadata().getNamespace());
            options = List.of("ndots:5");
        } else {
            servers = host.nameservers();
            searches = host.searches();
            options = host.options();
        }
        PodDNSConfig custom = spec.getDnsConfig();
        if (custom != null) {
            servers = union(servers, custom.getNameservers());
            searches = union(searches, custom.getSearches());
            options = mergeOptions(options, custom.getOptions());
        }
        return new DnsConfig(servers.subList(0, Math.min(MAX_NAMESERVERS, servers.size())), fitSearches(searches),
                options);
    }

    private List<String> clusterSearches(String namespace) {
        String domain = settings.clusterDomain();
        if (domain == null || domain.isEmpty()) {
            return host.searches();
        }
        List<String> out = new ArrayList<>(List.of(namespace + ".svc." + domain, "svc." + domain, domain));
        out.addAll(host.searches());
        return union(out, null);
    }

    private static List<String> union(List<String> first, List<String> more) {
        LinkedHashSet<String> out = new LinkedHashSet<>(first);
        if (more != null) {
            out.addAll(more);
        }
        return List.copyOf(out);
    }

    /** Options by name ("ndots:5" is named ndots); the pod's win and keep the place of the one they replace. */
    private static List<String> mergeOptions(List<String> base, List<PodDNSConfigOption> custom) {
        Map<String, String> byName = new LinkedHashMap<>();
        for (String option : base) {
            int colon = option.indexOf(':');
            byName.put(colon < 0 ? option : option.substring(0, colon), option);
        }
        if (custom != null) {
            for (PodDNSConfigOption o : custom) {
                if (o.getName() != null) {
                    byName.put(o.getName(), o.getValue() == null ? o.getName() : o.getName() + ":" + o.getValue());
                }
            }
        }
        return List.copyOf(byName.values());
    }

    private static List<String> fitSearches(List<String> searches) {
        List<String> out = new ArrayList<>();
        int chars = 0;
        for (String s : searches) {
            int next = chars + (out.isEmpty() ? 0 : 1) + s.length();
            if (out.size() == MAX_SEARCHES || next > MAX_SEARCH_CHARS) {
                break;
            }
            out.add(s);
            chars = next;
        }
        return out;
    }
}
