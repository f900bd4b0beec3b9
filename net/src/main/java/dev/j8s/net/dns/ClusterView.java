package dev.j8s.net.dns;

import dev.j8s.net.endpoints.ServiceEndpoint;
import io.fabric8.kubernetes.api.model.Service;
import java.util.List;

/**
 * The cluster state DNS answers from: read from informer caches in the server, from plain lists in
 * unit tests. Every method is a local, non-blocking read.
 */
interface ClusterView {

    /** The Service, or null. */
    Service service(String namespace, String name);

    /** The ready endpoints of one Service port ("" for an unnamed port). */
    List<ServiceEndpoint> readyEndpoints(String namespace, String service, String portName);

    /** The ready endpoints of a Service whatever their port, one per address (headless A records). */
    List<ServiceEndpoint> readyAddresses(String namespace, String service);

    /** Services with {@code ip} among their cluster IPs. */
    List<Service> servicesByClusterIp(String ip);

    /** The endpoints with address {@code ip}, with the Service each belongs to. */
    List<OwnedEndpoint> endpointsByAddress(String ip);

    /** Namespaces of the (non-host-network) pods with {@code ip} as a pod IP. */
    List<String> podNamespacesByIp(String ip);

    /** An endpoint and its Service, for reverse lookups. */
    record OwnedEndpoint(String namespace, String service, String hostname) {}
}
