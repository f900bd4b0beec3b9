package dev.j8s.net.endpoints;

import dev.j8s.client.informer.SharedIndexInformer;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointConditions;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The endpoints of each Service port, read from an EndpointSlice informer's cache: the view the
 * service proxy, cluster DNS and ingress share. Slices belong to a Service through the
 * {@code kubernetes.io/service-name} label; a Service's slices are merged and an address listed
 * twice (a slice being replaced) counts once.
 */
public final class ServiceEndpoints {

    /** The label that ties an EndpointSlice to its Service. */
    public static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";
    /** The informer index this class adds: {@code namespace/service}. */
    public static final String BY_SERVICE = "byService";

    private final SharedIndexInformer<EndpointSlice> slices;

    /** Adds the by-service index; call before the informer starts. */
    public ServiceEndpoints(SharedIndexInformer<EndpointSlice> slices) {
        this.slices = slices;
        slices.addIndex(BY_SERVICE, ServiceEndpoints::serviceKeys);
    }

    public SharedIndexInformer<EndpointSlice> informer() {
        return slices;
    }

    /** The service key of a slice ({@code namespace/name}), or none when it has no service label. */
    static List<String> serviceKeys(EndpointSlice slice) {
        Map<String, String> labels = slice.getMetadata().getLabels();
        String service = labels == null ? null : labels.get(SERVICE_NAME_LABEL);
        return service == null || service.isEmpty() ? List.of()
                : List.of(slice.getMetadata().getNamespace() + "/" + service);
    }

    /** The slices of one Service. */
    public List<EndpointSlice> slices(String namespace, String service) {
        return slices.indexer().byIndex(BY_SERVICE, namespace + "/" + service);
    }

    /**
     * Every endpoint of the Service port named {@code portName} ("" for an unnamed port), in all
     * states; callers pick by {@link ServiceEndpoint#ready()} or {@link ServiceEndpoint#serving()}.
     */
    public List<ServiceEndpoint> endpoints(String namespace, String service, String portName) {
        Map<String, ServiceEndpoint> byAddress = new LinkedHashMap<>();
        for (EndpointSlice slice : slices(namespace, service)) {
            Integer port = portNumber(slice, portName);
            if (port == null || slice.getEndpoints() == null) {
                continue;
            }
            for (Endpoint endpoint : slice.getEndpoints()) {
                if (endpoint.getAddresses() == null) {
                    continue;
                }
                for (String address : endpoint.getAddresses()) {
                    byAddress.putIfAbsent(address + ":" + port, of(endpoint, address, port));
                }
            }
        }
        return new ArrayList<>(byAddress.values());
    }

    /** The ready endpoints of a Service port: where new connections go. */
    public List<ServiceEndpoint> ready(String namespace, String service, String portName) {
        List<ServiceEndpoint> ready = new ArrayList<>();
        for (ServiceEndpoint endpoint : endpoints(namespace, service, portName)) {
            if (endpoint.ready()) {
                ready.add(endpoint);
            }
        }
        return ready;
    }

    /**
     * The ready endpoints of a Service whatever their port, one per address: a headless Service's A
     * records, which exist even when the Service (and so its slices) has no ports. The port is the
     * slice's first one, 0 when it has none.
     */
    public List<ServiceEndpoint> readyAddresses(String namespace, String service) {
        Map<String, ServiceEndpoint> byAddress = new LinkedHashMap<>();
        for (EndpointSlice slice : slices(namespace, service)) {
            if (slice.getEndpoints() == null) {
                continue;
            }
            int port = slice.getPorts() == null || slice.getPorts().isEmpty() || slice.getPorts().get(0).getPort() == null
                    ? 0 : slice.getPorts().get(0).getPort();
            for (Endpoint endpoint : slice.getEndpoints()) {
                for (String address : endpoint.getAddresses() == null ? List.<String>of() : endpoint.getAddresses()) {
                    ServiceEndpoint e = of(endpoint, address, port);
                    if (e.ready()) {
                        byAddress.putIfAbsent(address, e);
                    }
                }
            }
        }
        return new ArrayList<>(byAddress.values());
    }

    /**
     * The name ("" for an unnamed port) of the Service port that has {@code number} as its {@code port},
     * or else is called {@code name}: how Ingress backends ({@code service.port.number|name}) pick a
     * port, whose endpoints {@link #ready(String, String, String)} then lists. Empty when there is none.
     */
    public static Optional<String> servicePortName(Service service, Integer number, String name) {
        if (service.getSpec() == null || service.getSpec().getPorts() == null) {
            return Optional.empty();
        }
        for (ServicePort port : service.getSpec().getPorts()) {
            boolean byNumber = number != null && number > 0 && number.equals(port.getPort());
            boolean byName = (number == null || number <= 0) && name != null && name.equals(port.getName());
            if (byNumber || byName) {
                return Optional.of(port.getName() == null ? "" : port.getName());
            }
        }
        return Optional.empty();
    }

    private static Integer portNumber(EndpointSlice slice, String portName) {
        if (slice.getPorts() == null) {
            return null;
        }
        for (EndpointPort port : slice.getPorts()) {
            String name = port.getName() == null ? "" : port.getName();
            if (name.equals(portName == null ? "" : portName) && port.getPort() != null) {
                return port.getPort();
            }
        }
        return null;
    }

    /** Unset conditions mean ready and serving, not terminating, as the EndpointSlice API defines them. */
    private static ServiceEndpoint of(Endpoint endpoint, String address, int port) {
        EndpointConditions conditions = endpoint.getConditions();
        boolean ready = conditions == null || conditions.getReady() == null || conditions.getReady();
        boolean serving = conditions == null || conditions.getServing() == null ? ready : conditions.getServing();
        boolean terminating = conditions != null && Boolean.TRUE.equals(conditions.getTerminating());
        String pod = endpoint.getTargetRef() != null && "Pod".equals(endpoint.getTargetRef().getKind())
                ? endpoint.getTargetRef().getName() : null;
        return new ServiceEndpoint(address, port, ready, serving, terminating, pod, endpoint.getNodeName(),
                endpoint.getHostname());
    }
}
