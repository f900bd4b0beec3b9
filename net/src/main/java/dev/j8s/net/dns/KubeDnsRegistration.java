package dev.j8s.net.dns;

import dev.j8s.client.ApiStatusException;
import dev.j8s.client.KubeClient;
import dev.j8s.net.endpoints.ServiceEndpoints;
import io.fabric8.kubernetes.api.model.DeleteOptions;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPortBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Publishes the cluster DNS as Kubernetes does: the {@code kube-system/kube-dns} Service at the
 * cluster DNS IP (ports {@code dns} 53/UDP and {@code dns-tcp} 53/TCP, label {@code k8s-app: kube-dns})
 * without a selector, and one EndpointSlice per j8s server holding the address its DNS listens on, so
 * the service proxy sends 10.43.0.10:53 there like to any Service. The slices are j8s's, not the
 * EndpointSlice controller's ({@code endpointslice.kubernetes.io/managed-by}), which leaves them alone.
 * Calls block on the API: callers run them off the DNS threads.
 */
final class KubeDnsRegistration {

    static final String NAMESPACE = "kube-system";
    static final String SERVICE = "kube-dns";
    static final String MANAGED_BY = "endpointslice.kubernetes.io/managed-by";
    static final String MANAGER = "cluster-dns.j8s.dev";
    private static final Map<String, String> LABELS = Map.of("k8s-app", "kube-dns",
            "kubernetes.io/cluster-service", "true", "kubernetes.io/name", "j8s-dns");

    private final KubeClient client;
    private final String clusterIp;
    private final String sliceName;
    private final String nodeName;

    /** @param identity this server (its node name): one slice each, so servers do not overwrite each other */
    KubeDnsRegistration(KubeClient client, String clusterIp, String identity) {
        this.client = client;
        this.clusterIp = clusterIp;
        this.nodeName = identity;
        this.sliceName = SERVICE + "-" + identity.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9.-]", "-");
    }

    String sliceName() {
        return sliceName;
    }

    /** Creates or corrects the Service and this server's EndpointSlice for {@code address}. */
    void ensure(InetSocketAddress address) {
        Service service = ensureService(address.getPort());
        ensureSlice(service, address);
    }

    private Service ensureService(int targetPort) {
        var services = client.resources(Service.class);
        Service existing = getOrNull(() -> services.get(NAMESPACE, SERVICE));
        List<ServicePort> ports = List.of(port("dns", "UDP", targetPort), port("dns-tcp", "TCP", targetPort));
        if (existing == null) {
            Service desired = new ServiceBuilder()
                    .withMetadata(new ObjectMetaBuilder().withName(SERVICE).withNamespace(NAMESPACE)
                            .withLabels(LABELS).build())
                    .withNewSpec().withType("ClusterIP").withClusterIP(clusterIp).withPorts(ports).endSpec()
                    .build();
            try {
                return services.create(desired);
            } catch (ApiStatusException e) {
                if (!e.isAlreadyExists()) {
                    throw e;
                }
                existing = services.get(NAMESPACE, SERVICE);
            }
        }
        if (samePorts(existing.getSpec().getPorts(), ports)) {
            return existing;
        }
        Service changed = new ServiceBuilder(existing).editSpec().withPorts(ports).endSpec().build();
        return services.update(changed);
    }

    private void ensureSlice(Service service, InetSocketAddress address) {
        var slices = client.resources(EndpointSlice.class);
        String ip = address.getAddress().getHostAddress();
        EndpointSlice desired = new EndpointSliceBuilder()
                .withMetadata(new ObjectMetaBuilder().withName(sliceName).withNamespace(NAMESPACE)
                        .withLabels(Map.of(ServiceEndpoints.SERVICE_NAME_LABEL, SERVICE, MANAGED_BY, MANAGER,
                                "k8s-app", "kube-dns"))
                        .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("v1").withKind("Service")
                                .withName(SERVICE).withUid(service.getMetadata().getUid()).build())
                        .build())
                .withAddressType(address.getAddress() instanceof Inet6Address ? "IPv6" : "IPv4")
                .withEndpoints(new EndpointBuilder().withAddresses(ip).withNodeName(nodeName)
                        .withNewConditions().withReady(true).withServing(true).withTerminating(false).endConditions()
                        .build())
                .withPorts(new EndpointPortBuilder().withName("dns").withProtocol("UDP").withPort(address.getPort()).build(),
                        new EndpointPortBuilder().withName("dns-tcp").withProtocol("TCP").withPort(address.getPort()).build())
                .build();
        EndpointSlice existing = getOrNull(() -> slices.get(NAMESPACE, sliceName));
        if (existing == null) {
            slices.create(desired);
        } else if (!Objects.equals(existing.getEndpoints(), desired.getEndpoints())
                || !Objects.equals(existing.getPorts(), desired.getPorts())
                || !Objects.equals(existing.getMetadata().getOwnerReferences(), desired.getMetadata().getOwnerReferences())) {
            desired.getMetadata().setResourceVersion(existing.getMetadata().getResourceVersion());
            slices.update(desired);
        }
    }

    /** Takes this server's endpoint out of the Service (on shutdown), so no traffic goes to a dead address. */
    void withdraw() {
        try {
            client.resources(EndpointSlice.class).delete(NAMESPACE, sliceName, new DeleteOptions());
        } catch (ApiStatusException e) {
            if (!e.isNotFound()) {
                throw e;
            }
        }
    }

    private static ServicePort port(String name, String protocol, int targetPort) {
        return new ServicePortBuilder().withName(name).withProtocol(protocol).withPort(53)
                .withTargetPort(new IntOrString(targetPort)).build();
    }

    private static boolean samePorts(List<ServicePort> actual, List<ServicePort> desired) {
        if (actual == null || actual.size() != desired.size()) {
            return false;
        }
        for (int i = 0; i < desired.size(); i++) {
            ServicePort a = actual.get(i);
            ServicePort d = desired.get(i);
            if (!Objects.equals(a.getName(), d.getName()) || !Objects.equals(a.getProtocol(), d.getProtocol())
                    || !Objects.equals(a.getPort(), d.getPort()) || a.getTargetPort() == null
                    || !Objects.equals(a.getTargetPort().getIntVal(), d.getTargetPort().getIntVal())) {
                return false;
            }
        }
        return true;
    }

    private static <T> T getOrNull(java.util.function.Supplier<T> get) {
        try {
            return get.get();
        } catch (ApiStatusException e) {
            if (e.isNotFound()) {
                return null;
            }
            throw e;
        }
    }
}
