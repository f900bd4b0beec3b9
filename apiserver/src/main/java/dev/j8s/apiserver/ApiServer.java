package dev.j8s.apiserver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.j8s.api.ApiException;
import dev.j8s.api.Json;
import dev.j8s.api.ResourceRegistry;
import dev.j8s.api.ResourceType;
import dev.j8s.api.metrics.NodeMetricsReport;
import dev.j8s.api.openapi.OpenApiService;
import dev.j8s.api.table.TableConverter;
import dev.j8s.apiserver.admission.ResourceAdmission;
import dev.j8s.apiserver.crd.CustomResourceTypes;
import dev.j8s.apiserver.discovery.DiscoveryDocuments;
import dev.j8s.apiserver.gc.GarbageCollector;
import dev.j8s.apiserver.http.ApiChannelInitializer;
import dev.j8s.apiserver.http.ClientCertAuthenticator;
import dev.j8s.apiserver.http.HttpDispatcher;
import dev.j8s.apiserver.http.RequestHandler;
import dev.j8s.apiserver.metrics.ResourceMetricsHandler;
import dev.j8s.apiserver.metrics.ResourceMetricsRegistry;
import dev.j8s.apiserver.rest.NamespaceTerminator;
import dev.j8s.apiserver.rest.ObjectDeleter;
import dev.j8s.apiserver.rest.ObjectMetaPreparer;
import dev.j8s.apiserver.rest.ObjectStore;
import dev.j8s.apiserver.rest.ObjectWriter;
import dev.j8s.apiserver.rest.ResourceHandler;
import dev.j8s.apiserver.rest.ResponseEncoder;
import dev.j8s.apiserver.rest.WatchStreamer;
import dev.j8s.apiserver.rest.WriteOptions;
import dev.j8s.apiserver.pki.ServiceAccountKey;
import dev.j8s.apiserver.serviceaccount.OidcDiscovery;
import dev.j8s.apiserver.servicenet.KubernetesServiceReconciler;
import dev.j8s.apiserver.servicenet.ServiceAllocationRepair;
import dev.j8s.apiserver.servicenet.ServiceAllocator;
import dev.j8s.apiserver.servicenet.ServiceNetwork;
import dev.j8s.apiserver.serviceaccount.ServiceAccountNames;
import dev.j8s.apiserver.serviceaccount.TokenAuthenticator;
import dev.j8s.apiserver.serviceaccount.TokenRequests;
import dev.j8s.apiserver.serviceaccount.TokenSigner;
import dev.j8s.store.Store;
import dev.j8s.apiserver.proxy.NodeProxy;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The j8s API server: assembles the REST machinery over a {@link Store} and serves it over
 * HTTPS (HTTP/2 and HTTP/1.1). It owns its event loops, worker threads and timers.
 */
public final class ApiServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ApiServer.class);

    /** Namespaces every cluster has. */
    public static final List<String> SYSTEM_NAMESPACES = List.of("default", "kube-system", "kube-public",
            "kube-node-lease");

    /** Settings of one API server. */
    public record Config(String bindAddress, int port, SslContext ssl, Clock clock, long bookmarkIntervalSeconds,
                         SslContext nodeClientSsl) {

        /** Without {@code nodeClientSsl} the server cannot reach node agents (logs, exec, port-forward answer 400). */
        public Config(String bindAddress, int port, SslContext ssl, Clock clock, long bookmarkIntervalSeconds) {
            this(bindAddress, port, ssl, clock, bookmarkIntervalSeconds, null);
        }

        public Config {
            if (clock == null) {
                clock = Clock.systemUTC();
            }
            if (bookmarkIntervalSeconds <= 0) {
                bookmarkIntervalSeconds = 60;
            }
        }
    }

    private final Config config;
    private final Store store;
    private final ResourceRegistry registry = ResourceRegistry.withBuiltins();
    private final AtomicBoolean ready = new AtomicBoolean();
    private final ServerMetrics metrics = new ServerMetrics();
    private EventLoopGroup boss;
    private EventLoopGroup io;
    private ExecutorService workers;
    private ScheduledExecutorService timers;
    private Channel channel;
    private ObjectWriter writer;
    private NamespaceTerminator terminator;
    private GarbageCollector collector;
    private ResourceAdmission admission;
    private volatile ApiRouter router;
    private ServiceAccountKey serviceAccountKey;
    private String serviceAccountIssuer = ServiceAccountNames.DEFAULT_ISSUER;
    private ServiceNetwork serviceNetwork = ServiceNetwork.DEFAULTS;
    private ServiceAllocationRepair serviceRepair;

    public ApiServer(Config config, Store store) {
        this.config = config;
        this.store = store;
    }

    /**
     * The key that signs and verifies service-account tokens (the PKI's {@code sa.key}); without one, the server
     * uses a key that lives only as long as the process. Call before {@link #start()}.
     */
    public ApiServer serviceAccountKey(ServiceAccountKey key) {
        this.serviceAccountKey = key;
        return this;
    }

    /** The service cluster IP and node port ranges (kube-apiserver's --service-*-range). Call before {@link #start()}. */
    public ApiServer serviceNetwork(ServiceNetwork network) {
        this.serviceNetwork = network;
        return this;
    }

    /** The signer of service-account tokens, for the tokens controller's legacy Secrets. */
    public TokenSigner tokenSigner() {
        return new TokenSigner(requireKey(), serviceAccountIssuer, config.clock());
    }

    private synchronized ServiceAccountKey requireKey() {
        if (serviceAccountKey == null) {
            serviceAccountKey = ServiceAccountKey.processWide();
        }
        return serviceAccountKey;
    }

    public ResourceRegistry registry() {
        return registry;
    }

    /** Binds the port and serves; returns once requests are accepted. */
    public ApiServer start() throws InterruptedException {
        ObjectStore objects = new ObjectStore(store);
        ObjectMetaPreparer meta = new ObjectMetaPreparer(config.clock());
        admission = new ResourceAdmission(registry, objects, config.clock());
        ServiceAllocator serviceAllocator = new ServiceAllocator(store, serviceNetwork, config.clock(),
                new java.security.SecureRandom());
        writer = new ObjectWriter(objects, registry, meta, admission, serviceAllocator);
        terminator = new NamespaceTerminator(registry, objects);
        collector = new GarbageCollector(registry, objects);
        ObjectDeleter deleter = new ObjectDeleter(objects, config.clock(), terminator, collector);
        timers = Executors.newScheduledThreadPool(1, new DefaultThreadFactory("j8s-api-timer", true));
        workers = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("j8s-api-", 0).factory());
        WatchStreamer watcher = new WatchStreamer(objects, new dev.j8s.apiserver.rest.ObjectLister(objects), timers,
                config.bookmarkIntervalSeconds());
        OpenApiService openApi = new OpenApiService(registry);
        CustomResourceTypes customTypes = new CustomResourceTypes(registry, openApi);
        // The API audiences default to the issuer, as kube-apiserver's --api-audiences do.
        List<String> audiences = List.of(serviceAccountIssuer);
        TokenRequests tokenRequests = new TokenRequests(tokenSigner(), audiences, registry, objects);
        ResponseEncoder encoder = new ResponseEncoder(new TableConverter(config.clock()));
        ResourceMetricsHandler resourceMetrics = new ResourceMetricsHandler(
                new ResourceMetricsRegistry(config.clock(), NodeMetricsReport.EXPIRY_INTERVALS), encoder,
                config.clock());
        ResourceHandler resources = new ResourceHandler(registry, objects, writer, deleter, watcher, encoder,
                customTypes, new NodeProxy(objects, registry, config.nodeClientSsl()), tokenRequests, resourceMetrics,
                config.clock());
        String advertised = config.bindAddress() + ":" + config.port();
        TokenAuthenticator tokens = new TokenAuthenticator(requireKey(), serviceAccountIssuer, audiences, registry,
                objects, config.clock());
        OidcDiscovery oidc = new OidcDiscovery(serviceAccountIssuer, this::externalUrl, requireKey());
        router = new ApiRouter(new DiscoveryDocuments(registry, advertised), openApi, resources, metrics,
                ready::get, tokens, oidc);
        HttpDispatcher dispatcher = new HttpDispatcher(router, workers, new ClientCertAuthenticator());

        ensureSystemNamespaces();
        serveStoredCustomResources(objects, customTypes);
        terminator.resume();
        admission.start();
        serviceRepair = new ServiceAllocationRepair(store,
                ObjectStore.listPrefix(registry.byResource("", "v1", "services").orElseThrow(), null), serviceAllocator,
                config.clock());
        serviceRepair.start(timers);
        collector.start((type, namespace, name, policy) -> deleter.delete(type, namespace, name,
                Json.object().put("propagationPolicy", policy), false));
        boss = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("j8s-api-accept", true),
                NioIoHandler.newFactory());
        io = new MultiThreadIoEventLoopGroup(0, new DefaultThreadFactory("j8s-api-io", true),
                NioIoHandler.newFactory());
        channel = new ServerBootstrap()
                .group(boss, io)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ApiChannelInitializer(config.ssl(), dispatcher))
                .bind(new InetSocketAddress(config.bindAddress(), config.port()))
                .sync()
                .channel();
        new KubernetesServiceReconciler(registry, objects, writer, serviceNetwork).reconcile(advertiseAddress(), port());
        ready.set(true);
        log.info("API server listening on {}://{}:{}", config.ssl() == null ? "http" : "https", config.bindAddress(), port());
        return this;
    }

    /**
     * The request handler behind the HTTPS listener, for in-process clients (controllers, scheduler and
     * the local node in the same JVM) that skip TLS and HTTP but nothing else: same routing, admission
     * and storage as any remote client.
     */
    public RequestHandler handler() {
        if (router == null) {
            throw new IllegalStateException("the API server is not started");
        }
        return router;
    }

    /** The port actually bound (useful when configured with port 0). */
    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** The address the {@code kubernetes} Service's endpoints name: the bind address, loopback for a wildcard. */
    private String advertiseAddress() {
        String host = config.bindAddress();
        return host.equals("0.0.0.0") || host.equals("::") || host.contains(":") ? "127.0.0.1" : host;
    }

    /** The https URL clients reach this server at (a wildcard bind address is reached over loopback). */
    private String externalUrl() {
        String host = config.bindAddress();
        if (host.equals("0.0.0.0") || host.equals("::")) {
            host = "127.0.0.1";
        }
        return "https://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port();
    }

    private void serveStoredCustomResources(ObjectStore objects, CustomResourceTypes customTypes) {
        ResourceType crds = registry.byResource(CustomResourceTypes.GROUP, "v1", "customresourcedefinitions")
                .orElseThrow();
        String prefix = ObjectStore.listPrefix(crds, null);
        String after = null;
        while (true) {
            var page = objects.list(prefix, after, 500);
            for (var kv : page.items()) {
                customTypes.apply(ObjectStore.decode(kv));
                after = kv.key();
            }
            if (!page.hasMore()) {
                return;
            }
        }
    }

    private void ensureSystemNamespaces() {
        ResourceType namespaces = registry.byResource("", "v1", "namespaces").orElseThrow();
        for (String name : SYSTEM_NAMESPACES) {
            ObjectNode ns = Json.object();
            ns.put("apiVersion", "v1");
            ns.put("kind", "Namespace");
            ns.putObject("metadata").put("name", name);
            try {
                writer.create(namespaces, null, ns, WriteOptions.internal("j8s"));
            } catch (ApiException e) {
                if (e.code() != 409) {
                    throw e;
                }
            }
        }
    }

    @Override
    public void close() {
        ready.set(false);
        if (channel != null) {
            channel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        if (boss != null) {
            // Bounded waits: open watch streams must not hold a shutdown hostage.
            boss.shutdownGracefully(0, 2, TimeUnit.SECONDS);
            io.shutdownGracefully(0, 2, TimeUnit.SECONDS);
            boss.terminationFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
            io.terminationFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        if (serviceRepair != null) {
            serviceRepair.close();
        }
        if (terminator != null) {
            terminator.close();
            collector.close();
            admission.close();
        }
        if (workers != null) {
            workers.shutdownNow();
            timers.shutdownNow();
        }
    }
}
