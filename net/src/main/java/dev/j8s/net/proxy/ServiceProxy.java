package dev.j8s.net.proxy;

import dev.j8s.client.informer.SharedIndexInformer;
import dev.j8s.net.endpoints.ServiceEndpoints;
import io.fabric8.kubernetes.api.model.Service;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service proxy of one node (kube-proxy's job), an API client on the Service and EndpointSlice
 * informers. Every change requests a sync; syncs are coalesced ({@link CoalescingSync}) and each one
 * renders the whole desired state again.
 *
 * <p>In nftables mode j8s's own table DNATs ClusterIPs and NodePorts (on the node's non-loopback
 * addresses) to endpoints, in the kernel. NodePorts on 127.0.0.1 are served by a userspace listener
 * instead: DNAT of loopback traffic would need {@code route_localnet=1}, which exposes 127.0.0.1
 * services to the network (CVE-2020-8558), and kube-proxy's own nftables mode dropped localhost NodePorts.
 *
 * <p>In userspace mode (not root, or no nft) NodePorts are Netty listeners on the node's addresses and
 * ClusterIPs are not routable: pods of the process runtime share the host network, so the NodePort
 * (or a LoadBalancer port) is the address users reach.
 */
public final class ServiceProxy implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ServiceProxy.class);
    static final String LOOPBACK = "127.0.0.1";

    private final SharedIndexInformer<Service> services;
    private final ServiceEndpoints endpoints;
    private final ProxyConfig config;
    private final ListenerSet listeners;
    private final NftApplier nft;
    private final ProxyMode mode;
    private final CoalescingSync sync;
    private volatile String lastRuleset;

    /**
     * Resolves {@code auto} at once (nft usable → nftables). Call before the informers start.
     *
     * @param forwarder the userspace forwarder (shared with the service LB)
     */
    public ServiceProxy(SharedIndexInformer<Service> services, ServiceEndpoints endpoints, ProxyConfig config,
                        TcpForwarder forwarder, Clock clock) {
        this.services = services;
        this.endpoints = endpoints;
        this.config = config;
        this.listeners = new ListenerSet(forwarder, clock);
        this.nft = new NftApplier(config.nft());
        this.mode = resolve(config.mode(), nft);
        this.sync = new CoalescingSync("j8s-proxy-sync", this::syncOnce, config.minSyncPeriod(), Duration.ofSeconds(1));
        services.addEventHandler(sync.onChange());
        endpoints.informer().addEventHandler(sync.onChange());
    }

    private static ProxyMode resolve(ProxyMode mode, NftApplier nft) {
        if (mode != ProxyMode.AUTO) {
            return mode;
        }
        String why = nft.whyNot();
        if (why != null) {
            log.info("service proxy: userspace mode ({}): ClusterIPs are not routable, use NodePorts", why);
            return ProxyMode.USERSPACE;
        }
        return ProxyMode.NFTABLES;
    }


    /** The mode in effect (auto resolved). */
    public ProxyMode mode() {
        return mode;
    }

    /** Requests the first sync (informer events request the later ones). */
    public ServiceProxy start() {
        sync.request();
        return this;
    }

    private boolean syncOnce() throws InterruptedException {
        if (!services.hasSynced() || !endpoints.informer().hasSynced()) {
            return true; // a partial cache would reject Services whose slices are not listed yet
        }
        List<ServicePortRule> rules = ProxyRules.compute(services.indexer().list(), endpoints);
        // Listeners first: a ruleset nft refuses must not also stop the localhost NodePorts.
        Map<InetSocketAddress, String> failures = listeners.sync(wantedListeners(rules));
        failures.forEach((address, why) -> log.warn("service proxy: {}", why));
        if (mode == ProxyMode.NFTABLES) {
            String ruleset = NftRuleset.render(rules, nftOptions());
            if (!ruleset.equals(lastRuleset)) {
                nft.apply(ruleset);
                lastRuleset = ruleset;
            }
        }
        return !failures.isEmpty();
    }

    NftRuleset.Options nftOptions() {
        return new NftRuleset.Options(config.table(), config.clusterCidr(), config.nodePortAddresses());
    }

    /** NodePort listeners: every selected address in userspace mode, loopback only beside nftables. */
    Map<InetSocketAddress, ListenerSet.Target> wantedListeners(List<ServicePortRule> rules) {
        List<String> addresses = listenAddresses();
        Map<InetSocketAddress, ListenerSet.Target> wanted = new LinkedHashMap<>();
        for (ServicePortRule rule : rules) {
            if (rule.nodePort() == 0 || !"TCP".equals(rule.protocol())) {
                continue;
            }
            for (String address : addresses) {
                wanted.put(new InetSocketAddress(address, rule.nodePort()),
                        new ListenerSet.Target(rule.backends(), rule.affinitySeconds()));
            }
        }
        return wanted;
    }

    private List<String> listenAddresses() {
        List<String> cidrs = config.nodePortAddresses();
        if (mode == ProxyMode.NFTABLES) {
            boolean loopback = cidrs.isEmpty() || cidrs.stream().anyMatch(c -> NodeAddresses.contains(c, LOOPBACK));
            return loopback ? List.of(LOOPBACK) : List.of();
        }
        return cidrs.isEmpty() ? List.of("0.0.0.0") : NodeAddresses.matching(cidrs);
    }

    /** The ruleset last applied (nftables mode), for diagnostics and tests. */
    public String lastRuleset() {
        return lastRuleset;
    }

    public long syncs() {
        return sync.syncs();
    }

    /** Stops syncing, closes the listeners and removes the nftables table. */
    @Override
    public void close() {
        sync.close();
        listeners.close();
        if (mode == ProxyMode.NFTABLES) {
            try {
                nft.apply(NftRuleset.deleteTable(nftOptions()));
            } catch (NftApplier.NftException e) {
                log.warn("service proxy: cannot remove table {}: {}", config.table(), e.getMessage());
            }
        }
    }
}
