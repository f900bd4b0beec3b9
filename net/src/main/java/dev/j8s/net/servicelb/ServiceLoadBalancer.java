package dev.j8s.net.servicelb;

import dev.j8s.client.ApiStatusException;
import dev.j8s.client.PatchType;
import dev.j8s.client.ResourceClient;
import dev.j8s.client.events.EventRecorder;
import dev.j8s.client.informer.SharedIndexInformer;
import dev.j8s.net.endpoints.ServiceEndpoints;
import dev.j8s.net.proxy.CoalescingSync;
import dev.j8s.net.proxy.ListenerSet;
import dev.j8s.net.proxy.ProxyRules;
import dev.j8s.net.proxy.ServicePortRule;
import dev.j8s.net.proxy.TcpForwarder;
import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.Service;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The built-in service load balancer, like k3s's ServiceLB: each Service of {@code type: LoadBalancer}
 * has its ports served on this node by userspace listeners forwarding to the Service's endpoints, and its
 * {@code status.loadBalancer.ingress} set to the node's address. A port another process holds leaves the
 * status empty (the Service stays pending, as k3s leaves it) with a Warning event; when the type changes
 * the status is cleared.
 *
 * <p>It runs on every node, as k3s's svclb DaemonSet does, so the port answers wherever the client
 * lands. Each node writes only its own address into the status (added when it serves every port, removed
 * otherwise), so nodes do not fight; writes are merge patches of the status subresource.
 */
public final class ServiceLoadBalancer implements AutoCloseable {

    /**
     * @param bindAddress where LB ports listen (0.0.0.0: every address of the node)
     * @param ingressIp the address written to {@code status.loadBalancer.ingress}
     */
    public record Config(String bindAddress, String ingressIp) {}

    private static final Logger log = LoggerFactory.getLogger(ServiceLoadBalancer.class);

    private final SharedIndexInformer<Service> services;
    private final ServiceEndpoints endpoints;
    private final ResourceClient<Service> serviceClient;
    private final EventRecorder events;
    private final Config config;
    private final ListenerSet listeners;
    private final CoalescingSync sync;

    public ServiceLoadBalancer(SharedIndexInformer<Service> services, ServiceEndpoints endpoints,
                               ResourceClient<Service> serviceClient, EventRecorder events, Config config,
                               TcpForwarder forwarder, Clock clock) {
        this.services = services;
        this.endpoints = endpoints;
        this.serviceClient = serviceClient;
        this.events = events;
        this.config = config;
        this.listeners = new ListenerSet(forwarder, clock);
        this.sync = new CoalescingSync("j8s-servicelb-sync", this::syncOnce, Duration.ofMillis(200),
                Duration.ofSeconds(5));
        services.addEventHandler(sync.onChange());
        endpoints.informer().addEventHandler(sync.onChange());
    }

    public ServiceLoadBalancer start() {
        sync.request();
        return this;
    }

    private boolean syncOnce() throws InterruptedException {
        if (!services.hasSynced() || !endpoints.informer().hasSynced()) {
            return true;
        }
        List<Service> all = services.indexer().list();
        Map<InetSocketAddress, ListenerSet.Target> wanted = new LinkedHashMap<>();
        Map<String, List<InetSocketAddress>> portsByService = new LinkedHashMap<>();
        for (ServicePortRule rule : ProxyRules.compute(all.stream().filter(ServiceLoadBalancer::isLoadBalancer)
                .toList(), endpoints)) {
            if (!"TCP".equals(rule.protocol())) {
                continue; // the userspace forwarder relays TCP only
            }
            InetSocketAddress address = new InetSocketAddress(config.bindAddress(), rule.port());
            wanted.put(address, new ListenerSet.Target(rule.backends(), rule.affinitySeconds()));
            portsByService.computeIfAbsent(rule.namespace() + "/" + rule.service(), k -> new ArrayList<>()).add(address);
        }
        Map<InetSocketAddress, String> failures = listeners.sync(wanted);
        for (Service service : all) {
            String key = service.getMetadata().getNamespace() + "/" + service.getMetadata().getName();
            List<String> problems = portsByService.getOrDefault(key, List.of()).stream()
                    .filter(failures::containsKey).map(failures::get).toList();
            boolean serving = isLoadBalancer(service) && problems.isEmpty();
            if (isLoadBalancer(service) && !problems.isEmpty()) {
                events.event(service, EventRecorder.WARNING, "PortUnavailable",
                        "cannot serve the load balancer on this node: " + String.join("; ", problems));
            }
            writeStatus(service, serving);
        }
        return !failures.isEmpty();
    }

    private static boolean isLoadBalancer(Service service) {
        return service.getSpec() != null && "LoadBalancer".equals(service.getSpec().getType());
    }

    /** Adds or removes this node's address in the Service's load balancer status, if that changes it. */
    private void writeStatus(Service service, boolean serving) {
        List<LoadBalancerIngress> current = service.getStatus() == null || service.getStatus().getLoadBalancer() == null
                || service.getStatus().getLoadBalancer().getIngress() == null
                ? List.of() : service.getStatus().getLoadBalancer().getIngress();
        List<String> ips = new ArrayList<>();
        for (LoadBalancerIngress ingress : current) {
            if (ingress.getIp() != null && !ingress.getIp().equals(config.ingressIp())) {
                ips.add(ingress.getIp());
            }
        }
        if (serving) {
            ips.add(config.ingressIp());
        }
        List<String> before = current.stream().map(LoadBalancerIngress::getIp).filter(Objects::nonNull).toList();
        if (ips.equals(before)) {
            return;
        }
        StringBuilder ingress = new StringBuilder();
        for (String ip : ips) {
            ingress.append(ingress.isEmpty() ? "" : ",").append("{\"ip\":\"").append(ip).append("\"}");
        }
        try {
            // A merge patch replaces the list wholesale; null removes it (the Service is pending again).
            String body = "{\"status\":{\"loadBalancer\":{\"ingress\":"
                    + (ips.isEmpty() ? "null" : "[" + ingress + "]") + "}}}";
            serviceClient.patchStatus(service.getMetadata().getNamespace(), service.getMetadata().getName(),
                    PatchType.MERGE, body);
        } catch (ApiStatusException e) {
            if (e.code() != 404) {
                throw e;
            }
            log.debug("service {} is gone", service.getMetadata().getName());
        }
    }

    @Override
    public void close() {
        sync.close();
        listeners.close();
    }
}
