package dev.j8s.net.ingress;

import dev.j8s.client.ApiStatusException;
import dev.j8s.client.KubeClient;
import dev.j8s.client.PatchType;
import dev.j8s.client.informer.ResourceEventHandler;
import dev.j8s.client.informer.SharedIndexInformer;
import dev.j8s.client.informer.SharedInformerFactory;
import dev.j8s.net.endpoints.ServiceEndpoints;
import dev.j8s.net.ingress.proxy.IngressServer;
import dev.j8s.net.ingress.route.RouteTable;
import dev.j8s.net.ingress.route.RouteTableBuilder;
import dev.j8s.net.ingress.route.VirtualHostPods;
import dev.j8s.net.ingress.tls.ServerTls;
import dev.j8s.net.ingress.tls.SniCertificates;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClassBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressLoadBalancerIngress;
import io.netty.handler.ssl.SslContext;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * j8s's built-in ingress controller: informers on Ingresses, IngressClasses, Services, EndpointSlices,
 * TLS Secrets and {@code VIRTUAL_HOST} pods feed one route-sync thread, which rebuilds the route table
 * and the SNI certificates after any change (bursts coalesce into one rebuild) and sets each served
 * Ingress's {@code status.loadBalancer.ingress} to the address the proxy listens on. The proxy reads
 * the latest table on every request. It runs on every server, like a node's service proxy.
 */
public final class IngressController implements AutoCloseable {

    /** The IngressClass j8s creates at start, the default class. */
    public static final String CLASS_NAME = "j8s";
    private static final Logger log = LoggerFactory.getLogger(IngressController.class);

    /**
     * @param advertiseAddress the IP written to Ingress status (the bind address unless that is a wildcard)
     */
    public record Options(IngressServer.Config server, String advertiseAddress) {}

    private final KubeClient client;
    private final Options options;
    private final SharedInformerFactory informers;
    private final SharedIndexInformer<Ingress> ingresses;
    private final SharedIndexInformer<IngressClass> classes;
    private final SharedIndexInformer<Service> services;
    private final SharedIndexInformer<Secret> secrets;
    private final SharedIndexInformer<Pod> pods;
    private final ServiceEndpoints endpoints;
    private final SniCertificates certificates;
    private final TlsHosts tlsHosts;
    private final ExecutorService sync = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "j8s-ingress-sync");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean rebuildQueued = new AtomicBoolean();
    private volatile RouteTable routes = RouteTable.EMPTY;
    private IngressServer server;

    public IngressController(KubeClient client, Options options) {
        this.client = client;
        this.options = options;
        this.informers = new SharedInformerFactory(client);
        this.ingresses = informers.informerFor(Ingress.class);
        this.classes = informers.informerFor(IngressClass.class);
        this.services = informers.informerFor(Service.class);
        this.secrets = informers.informerFor(Secret.class);
        this.pods = informers.informerFor(Pod.class);
        this.endpoints = new ServiceEndpoints(informers.informerFor(EndpointSlice.class));
        SslContext selfSigned = ServerTls.selfSigned();
        this.certificates = new SniCertificates(selfSigned);
        this.tlsHosts = new TlsHosts(secrets.indexer(), certificates, selfSigned);
        Runnable changed = this::scheduleRebuild;
        ingresses.addEventHandler(on(changed, i -> true));
        classes.addEventHandler(on(changed, c -> true));
        services.addEventHandler(on(changed, s -> true));
        endpoints.informer().addEventHandler(on(changed, s -> true));
        secrets.addEventHandler(on(changed, s -> "kubernetes.io/tls".equals(s.getType())));
        pods.addEventHandler(on(changed, VirtualHostPods::claimsHost));
    }

    /** Creates the IngressClass, starts the informers and, once they are synced, the proxy's listeners. */
    public IngressController start() throws InterruptedException {
        ensureIngressClass();
        informers.start();
        if (!informers.waitForCacheSync(Duration.ofSeconds(60))) {
            throw new IllegalStateException("ingress: informers did not sync within 60 s");
        }
        rebuild();
        server = new IngressServer(options.server(), () -> routes, certificates).start();
        log.info("ingress listening on {} (http {}, https {})", options.server().bindAddress(), server.httpPort(),
                server.httpsPort());
        return this;
    }

    public int httpPort() {
        return server.httpPort();
    }

    public int httpsPort() {
        return server.httpsPort();
    }

    /** The current route table (tests and diagnostics). */
    public RouteTable routes() {
        return routes;
    }

    private void ensureIngressClass() {
        try {
            client.resources(IngressClass.class).create(new IngressClassBuilder().withNewMetadata().withName(CLASS_NAME)
                    .addToAnnotations(IngressClassFilter.DEFAULT_CLASS_ANNOTATION, "true")
                    .addToLabels("app.kubernetes.io/managed-by", "j8s").endMetadata()
                    .withNewSpec().withController(IngressClassFilter.CONTROLLER).endSpec().build());
        } catch (ApiStatusException e) {
            if (!e.isAlreadyExists()) {
                throw e;
            }
        }
    }

    private void scheduleRebuild() {
        if (rebuildQueued.compareAndSet(false, true)) {
            sync.execute(() -> {
                rebuildQueued.set(false);
                try {
                    rebuild();
                } catch (RuntimeException e) {
                    log.warn("ingress: rebuilding the routes failed", e);
                }
            });
        }
    }

    private void rebuild() {
        IngressClassFilter filter = IngressClassFilter.of(classes.indexer().list());
        List<Ingress> served = ingresses.indexer().list().stream().filter(filter::serves).toList();
        List<Pod> virtualHostPods = pods.indexer().list().stream().filter(VirtualHostPods::claimsHost).toList();
        routes = RouteTableBuilder.build(served, new ServiceBackendResolver(services.indexer(), endpoints),
                VirtualHostPods.routes(virtualHostPods));
        tlsHosts.update(served);
        served.forEach(this::writeStatus);
    }

    /** Sets {@code status.loadBalancer.ingress} to this ingress's address, when it says something else. */
    private void writeStatus(Ingress ingress) {
        String ip = options.advertiseAddress();
        List<IngressLoadBalancerIngress> current = ingress.getStatus() == null || ingress.getStatus().getLoadBalancer() == null
                ? null : ingress.getStatus().getLoadBalancer().getIngress();
        if (ip == null || current != null && current.size() == 1 && Objects.equals(current.get(0).getIp(), ip)) {
            return;
        }
        try {
            client.resources(Ingress.class).patchStatus(ingress.getMetadata().getNamespace(),
                    ingress.getMetadata().getName(), PatchType.MERGE,
                    "{\"status\":{\"loadBalancer\":{\"ingress\":[{\"ip\":\"" + ip + "\"}]}}}");
        } catch (ApiStatusException e) {
            if (!e.isNotFound()) {
                log.warn("ingress: cannot set the status of {}/{}: {}", ingress.getMetadata().getNamespace(),
                        ingress.getMetadata().getName(), e.getMessage());
            }
        }
    }

    private static <T> ResourceEventHandler<T> on(Runnable changed, Predicate<T> relevant) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T object) {
                if (relevant.test(object)) {
                    changed.run();
                }
            }

            @Override
            public void onUpdate(T oldObject, T newObject) {
                if (oldObject != newObject && (relevant.test(oldObject) || relevant.test(newObject))) {
                    changed.run();
                }
            }

            @Override
            public void onDelete(T object) {
                if (relevant.test(object)) {
                    changed.run();
                }
            }
        };
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
        informers.close();
        sync.shutdownNow();
        try {
            sync.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
