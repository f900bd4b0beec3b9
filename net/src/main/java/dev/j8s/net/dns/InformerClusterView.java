package dev.j8s.net.dns;

import dev.j8s.client.informer.SharedIndexInformer;
import dev.j8s.net.endpoints.ServiceEndpoint;
import dev.j8s.net.endpoints.ServiceEndpoints;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The {@link ClusterView} of informer caches, with the by-IP indexes reverse lookups need. */
final class InformerClusterView implements ClusterView {

    private static final String BY_CLUSTER_IP = "dnsByClusterIp";
    private static final String BY_ADDRESS = "dnsByAddress";
    private static final String BY_POD_IP = "dnsByPodIp";

    private final SharedIndexInformer<Service> services;
    private final ServiceEndpoints endpoints;
    private final SharedIndexInformer<Pod> pods;

    InformerClusterView(SharedIndexInformer<Service> services, ServiceEndpoints endpoints,
                        SharedIndexInformer<Pod> pods) {
        this.services = services;
        this.endpoints = endpoints;
        this.pods = pods;
        services.addIndex(BY_CLUSTER_IP, InformerClusterView::clusterIps);
        endpoints.informer().addIndex(BY_ADDRESS, InformerClusterView::addresses);
        pods.addIndex(BY_POD_IP, InformerClusterView::podIps);
    }

    @Override
    public Service service(String namespace, String name) {
        return services.indexer().get(namespace, name);
    }

    @Override
    public List<ServiceEndpoint> readyEndpoints(String namespace, String service, String portName) {
        return endpoints.ready(namespace, service, portName);
    }

    @Override
    public List<ServiceEndpoint> readyAddresses(String namespace, String service) {
        return endpoints.readyAddresses(namespace, service);
    }

    @Override
    public List<Service> servicesByClusterIp(String ip) {
        return services.indexer().byIndex(BY_CLUSTER_IP, ip);
    }

    @Override
    public List<OwnedEndpoint> endpointsByAddress(String ip) {
        Set<OwnedEndpoint> out = new LinkedHashSet<>();
        for (EndpointSlice slice : endpoints.informer().indexer().byIndex(BY_ADDRESS, ip)) {
            Map<String, String> labels = slice.getMetadata().getLabels();
            String service = labels == null ? null : labels.get(ServiceEndpoints.SERVICE_NAME_LABEL);
            if (service == null || slice.getEndpoints() == null) {
                continue;
            }
            for (Endpoint e : slice.getEndpoints()) {
                if (e.getAddresses() != null && e.getAddresses().contains(ip)) {
                    out.add(new OwnedEndpoint(slice.getMetadata().getNamespace(), service, e.getHostname()));
                }
            }
        }
        return new ArrayList<>(out);
    }

    @Override
    public List<String> podNamespacesByIp(String ip) {
        return pods.indexer().byIndex(BY_POD_IP, ip).stream().map(p -> p.getMetadata().getNamespace())
                .distinct().toList();
    }

    private static List<String> clusterIps(Service svc) {
        Set<String> ips = new LinkedHashSet<>();
        if (svc.getSpec() == null) {
            return List.of();
        }
        if (svc.getSpec().getClusterIP() != null) {
            ips.add(svc.getSpec().getClusterIP());
        }
        if (svc.getSpec().getClusterIPs() != null) {
            ips.addAll(svc.getSpec().getClusterIPs());
        }
        ips.remove("None");
        ips.remove("");
        return List.copyOf(ips);
    }

    private static List<String> addresses(EndpointSlice slice) {
        Set<String> out = new LinkedHashSet<>();
        if (slice.getEndpoints() != null) {
            for (Endpoint e : slice.getEndpoints()) {
                if (e.getAddresses() != null) {
                    out.addAll(e.getAddresses());
                }
            }
        }
        return List.copyOf(out);
    }

    /** Host-network pods carry the node's IP, which is no pod's name to give. */
    private static List<String> podIps(Pod pod) {
        if (pod.getStatus() == null || (pod.getSpec() != null && Boolean.TRUE.equals(pod.getSpec().getHostNetwork()))) {
            return List.of();
        }
        Set<String> out = new LinkedHashSet<>();
        if (pod.getStatus().getPodIP() != null) {
            out.add(pod.getStatus().getPodIP());
        }
        if (pod.getStatus().getPodIPs() != null) {
            for (PodIP ip : pod.getStatus().getPodIPs()) {
                if (ip.getIp() != null) {
                    out.add(ip.getIp());
                }
            }
        }
        return List.copyOf(out);
    }
}
