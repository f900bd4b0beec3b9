package dev.j8s.net.dns;

import dev.j8s.client.KubeClient;
import dev.j8s.client.informer.SharedInformerFactory;
import dev.j8s.net.endpoints.ServiceEndpoints;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster DNS of one j8s server: informers on Services, EndpointSlices and Pods, the DNS server
 * answering from them, and the {@code kube-dns} Service and this server's EndpointSlice pointing at
 * it. Runs on every server, not only the leader: DNS must answer wherever pods run. API writes happen on
 * a registration thread and are retried until they succeed; the DNS threads never wait on the API.
 */
public final class ClusterDns implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ClusterDns.class);
    private static final Duration RETRY = Duration.ofSeconds(2);

    /**
     * @param clusterDnsIp    the {@code kube-dns} Service's ClusterIP (10.43.0.10)
     * @param clusterDomain   the zone served (cluster.local)
     * @param listen          where to serve: a fixed address, or a preferred one taken when it appears on the host
     * @param upstreams       resolvers for other names; empty: the host's resolv.conf
     * @param resolvConf      the host resolv.conf read when {@code upstreams} is empty
     * @param upstreamTimeout how long one upstream may take
     * @param identity        this server (its node name), naming its EndpointSlice
     * @param ttl             seconds on every answer (CoreDNS: 5)
     */
    public record Config(String clusterDnsIp, String clusterDomain, Listen listen, List<InetSocketAddress> upstreams,
                         Path resolvConf, Duration upstreamTimeout, String identity, long ttl) {

        public static Config defaults(String identity, Listen listen) {
            return new Config("10.43.0.10", "cluster.local", listen, List.of(), Path.of("/etc/resolv.conf"),
                    Duration.ofSeconds(2), identity, 5);
        }

        public Config withUpstreams(List<InetSocketAddress> servers) {
            return new Config(clusterDnsIp, clusterDomain, listen, servers, resolvConf, upstreamTimeout, identity, ttl);
        }

        public Config withDomain(String dnsIp, String domain) {
            return new Config(dnsIp, domain, listen, upstreams, resolvConf, upstreamTimeout, identity, ttl);
        }
    }

    /**
     * Where the server listens. {@code preferred} (may be null) is taken when that address exists on the
     * host, checked again every few seconds so the server moves there once the pod bridge comes up
     * (pods reach the host through the bridge's gateway, not through its loopback); until then
     * {@code fallback} (port 0: any free port), or any free port on its address when that one is taken
     * and {@code anyPortIfBusy}.
     */
    public record Listen(InetSocketAddress preferred, InetSocketAddress fallback, boolean anyPortIfBusy) {
        public static Listen fixed(InetSocketAddress address) {
            return new Listen(null, address, false);
        }
    }

    private final Config config;
    private final SharedInformerFactory informers;
    private final DnsServer server;
    private final KubeDnsRegistration registration;
    private final ScheduledExecutorService registrar;
    private final QueryResponder responder;
    private volatile InetSocketAddress registered;
    private boolean moveFailed;

    private ClusterDns(Config config, KubeClient client) {
        this.config = config;
        informers = new SharedInformerFactory(client);
        var services = informers.informerFor(Service.class);
        var endpoints = new ServiceEndpoints(informers.informerFor(EndpointSlice.class));
        var pods = informers.informerFor(Pod.class);
        ClusterView view = new InformerClusterView(services, endpoints, pods);
        ClusterRecords records = new ClusterRecords(config.clusterDomain(), view, config.ttl(),
                Clock.systemUTC().instant().getEpochSecond());
        List<InetSocketAddress> upstreams = config.upstreams().isEmpty()
                ? ResolvConfServers.upstreams(config.resolvConf(), selfCandidate(config.listen()))
                : config.upstreams();
        responder = new QueryResponder(records, new UpstreamForwarder(upstreams, config.upstreamTimeout()));
        server = new DnsServer(responder);
        registration = new KubeDnsRegistration(client, config.clusterDnsIp(), config.identity());
        registrar = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().name("j8s-dns-registration")
                .daemon().unstarted(r));
        if (upstreams.isEmpty()) {
            log.warn("cluster DNS has no upstream resolvers: names outside {} get SERVFAIL", config.clusterDomain());
        }
    }

    /** Starts the informers, waits for their first lists, serves, and publishes the address. */
    public static ClusterDns start(KubeClient client, Config config) throws InterruptedException, BindException {
        ClusterDns dns = new ClusterDns(config, client);
        try {
            dns.informers.start();
            if (!dns.informers.waitForCacheSync(Duration.ofSeconds(30))) {
                log.warn("cluster DNS: informers not synced after 30 s; answering from what is cached");
            }
            dns.bindInitial();
            dns.registrar.execute(dns::register);
            if (config.listen().preferred() != null) {
                dns.registrar.scheduleWithFixedDelay(dns::followPreferred, RETRY.toMillis(), RETRY.toMillis(),
                        TimeUnit.MILLISECONDS);
            }
            return dns;
        } catch (InterruptedException | BindException | RuntimeException e) {
            dns.close();
            throw e;
        }
    }

    /** The address served now. */
    public InetSocketAddress address() {
        return server.address();
    }

    /** The address last published in this server's kube-dns EndpointSlice, or null before the first publish. */
    public InetSocketAddress registeredAddress() {
        return registered;
    }

    /** Queries answered from the cluster zone, forwarded upstream, and failed, since start. */
    public long[] counts() {
        return new long[] {responder.local.sum(), responder.forwarded.sum(), responder.failed.sum()};
    }

    private void bindInitial() throws InterruptedException, BindException {
        Listen listen = config.listen();
        if (listen.preferred() != null && existsOnHost(listen.preferred())) {
            try {
                server.bind(listen.preferred());
                return;
            } catch (BindException e) {
                log.warn("cluster DNS cannot listen on {}: {}; using {}", listen.preferred(), e.getMessage(),
                        listen.fallback());
            }
        }
        bindFallback();
    }

    private void bindFallback() throws InterruptedException, BindException {
        Listen listen = config.listen();
        try {
            server.bind(listen.fallback());
        } catch (BindException e) {
            if (!listen.anyPortIfBusy()) {
                throw e;
            }
            server.bind(new InetSocketAddress(listen.fallback().getAddress(), 0));
        }
    }

    /**
     * Moves to the preferred address when it appears (the pod bridge came up), and back to the fallback
     * when it goes (the bridge was removed with the last pod network), publishing each move.
     */
    private void followPreferred() {
        InetSocketAddress preferred = config.listen().preferred();
        InetSocketAddress now = server.address();
        boolean present = existsOnHost(preferred);
        try {
            if (now != null && !now.equals(preferred) && present) {
                server.bind(preferred);
                log.info("cluster DNS moved to {}", preferred);
            } else if (now != null && now.equals(preferred) && !present) {
                bindFallback();
                log.info("cluster DNS moved to {}: {} is gone", server.address(), preferred);
            } else {
                return;
            }
            moveFailed = false;
        } catch (BindException e) {
            // Tried again every few seconds (another server on this host may hold the port); said once.
            if (!moveFailed) {
                log.warn("cluster DNS cannot move: {}", e.getMessage());
            }
            moveFailed = true;
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        register();
    }

    /** Publishes the served address; retried until the API takes it. */
    private void register() {
        InetSocketAddress address = server.address();
        if (address == null || address.equals(registered)) {
            return;
        }
        try {
            registration.ensure(address);
            registered = address;
            log.info("kube-dns Service {} → {}", config.clusterDnsIp(), address);
        } catch (RuntimeException e) {
            log.warn("cannot publish the kube-dns endpoint {} (retrying): {}", address, e.toString());
            registrar.schedule(this::register, RETRY.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private static boolean existsOnHost(InetSocketAddress address) {
        try {
            return address.getAddress().isAnyLocalAddress() || NetworkInterface.getByInetAddress(address.getAddress()) != null;
        } catch (SocketException e) {
            return false;
        }
    }

    private static InetSocketAddress selfCandidate(Listen listen) {
        return listen.preferred() != null ? listen.preferred() : listen.fallback();
    }

    @Override
    public void close() {
        registrar.shutdownNow();
        try {
            registrar.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (registered != null) {
            try {
                registration.withdraw();
            } catch (RuntimeException e) {
                log.debug("cannot withdraw the kube-dns endpoint: {}", e.toString());
            }
        }
        server.close();
        informers.close();
    }
}
