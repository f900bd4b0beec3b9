package dev.j8s.net.proxy;

import dev.j8s.client.KubeClient;
import dev.j8s.net.endpoints.ServiceEndpoints;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Services and EndpointSlices the proxy tests create (the EndpointSlice controller is not running). */
public final class ProxyFixtures {

    private static final AtomicInteger NAMESPACES = new AtomicInteger();

    private ProxyFixtures() {}

    public static String namespace(KubeClient client, String prefix) {
        String name = prefix + "-" + ProcessHandle.current().pid() + "-" + NAMESPACES.incrementAndGet();
        client.resources(Namespace.class).create(new NamespaceBuilder().withNewMetadata().withName(name)
                .endMetadata().build());
        return name;
    }

    /** A Service with one port named http on 80; nodePort 0 means none. */
    public static Service service(String ns, String name, String type, String clusterIp, int port, int nodePort,
                           String affinity) {
        return new ServiceBuilder().withNewMetadata().withName(name).withNamespace(ns).endMetadata()
                .withNewSpec().withType(type).withClusterIP(clusterIp).withSessionAffinity(affinity)
                .addNewPort().withName("http").withProtocol("TCP").withPort(port)
                .withNodePort(nodePort == 0 ? null : nodePort)
                .withNewTargetPort(8080).endPort().endSpec().build();
    }

    /** A slice of {@code service} whose ready endpoints all listen on {@code port}. */
    public static EndpointSlice slice(String ns, String service, int port, List<String> addresses) {
        EndpointSliceBuilder builder = new EndpointSliceBuilder().withNewMetadata().withName(service + "-slice")
                .withNamespace(ns).addToLabels(ServiceEndpoints.SERVICE_NAME_LABEL, service).endMetadata()
                .withAddressType("IPv4").addNewPort().withName("http").withProtocol("TCP").withPort(port).endPort();
        for (String address : addresses) {
            builder.addToEndpoints(new EndpointBuilder().withAddresses(address).withNewConditions().withReady(true)
                    .withServing(true).withTerminating(false).endConditions().build());
        }
        return builder.build();
    }
}
