package dev.j8s.net.ingress;

import dev.j8s.client.informer.Indexer;
import dev.j8s.net.endpoints.ServiceEndpoint;
import dev.j8s.net.endpoints.ServiceEndpoints;
import dev.j8s.net.ingress.route.RouteTableBuilder;
import dev.j8s.net.ingress.route.UpstreamAddress;
import dev.j8s.net.ingress.route.Upstreams;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressServiceBackend;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolves an Ingress service backend to the ready endpoints of the Service port it names (by number
 * or name) through {@link ServiceEndpoints}. A missing Service or port, an ExternalName Service or a
 * resource backend resolve to no endpoints: the route exists and answers 503.
 */
final class ServiceBackendResolver implements RouteTableBuilder.BackendResolver {

    private final Indexer<Service> services;
    private final ServiceEndpoints endpoints;

    ServiceBackendResolver(Indexer<Service> services, ServiceEndpoints endpoints) {
        this.services = services;
        this.endpoints = endpoints;
    }

    @Override
    public Upstreams resolve(String namespace, IngressBackend backend) {
        IngressServiceBackend ref = backend.getService();
        if (ref == null) {
            return new Upstreams(namespace + "/" + backend.getResource(), List.of());
        }
        Integer number = ref.getPort() == null ? null : ref.getPort().getNumber();
        String portName = ref.getPort() == null ? null : ref.getPort().getName();
        String name = namespace + "/" + ref.getName() + ":" + (number != null && number > 0 ? number : portName);
        Service service = services.get(namespace, ref.getName());
        if (service == null) {
            return new Upstreams(name, List.of());
        }
        List<UpstreamAddress> ready = new ArrayList<>();
        ServiceEndpoints.servicePortName(service, number, portName).ifPresent(port -> {
            for (ServiceEndpoint e : endpoints.ready(namespace, ref.getName(), port)) {
                if (!e.terminating()) {
                    ready.add(UpstreamAddress.of(e.address(), e.port()));
                }
            }
        });
        return new Upstreams(name, ready);
    }
}
