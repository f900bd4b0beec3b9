package dev.j8s.controllers.endpoints;

import dev.j8s.controllers.endpointslice.PodEndpoints;
import dev.j8s.controllers.framework.PodReadiness;
import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointAddressBuilder;
import io.fabric8.kubernetes.api.model.EndpointPort;
import io.fabric8.kubernetes.api.model.EndpointPortBuilder;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.EndpointSubsetBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The legacy core/v1 Endpoints of a Service, as Kubernetes' endpoints controller computes them: each listed pod's
 * address under {@code addresses} when ready (or when the Service publishes not-ready addresses), else under
 * {@code notReadyAddresses}; terminating pods only when not-ready ones are published; subsets repacked so that
 * addresses with the same resolved ports share one subset (RepackSubsets), sorted.
 */
public final class EndpointsPlanner {

    public static final String HEADLESS_LABEL = "service.kubernetes.io/headless";

    private EndpointsPlanner() {}

    public static List<EndpointSubset> subsets(Service service, List<Pod> pods) {
        boolean publishNotReady = PodEndpoints.publishNotReady(service);
        boolean headless = "None".equals(service.getSpec().getClusterIP());
        Map<String, Group> groups = new TreeMap<>();
        for (Pod pod : pods) {
            if (!PodEndpoints.shouldInclude(pod, publishNotReady)) {
                continue;
            }
            List<EndpointPort> ports = new ArrayList<>();
            for (var p : PodEndpoints.ports(service, pod)) {
                ports.add(new EndpointPortBuilder().withName(p.getName().isEmpty() ? null : p.getName())
                        .withPort(p.getPort()).withProtocol(p.getProtocol()).withAppProtocol(p.getAppProtocol()).build());
            }
            boolean noPorts = service.getSpec().getPorts() == null || service.getSpec().getPorts().isEmpty();
            if (ports.isEmpty() && !(noPorts && headless)) {
                // No service port resolves for this pod: Kubernetes lists it nowhere.
                continue;
            }
            ports.sort(Comparator.comparing((EndpointPort p) -> p.getName() == null ? "" : p.getName())
                    .thenComparing(EndpointPort::getPort).thenComparing(EndpointPort::getProtocol));
            Group group = groups.computeIfAbsent(portsKey(ports), k -> new Group(ports));
            EndpointAddress address = address(service, pod);
            if (publishNotReady || PodReadiness.isReady(pod)) {
                group.ready.add(address);
            } else {
                group.notReady.add(address);
            }
        }
        List<EndpointSubset> subsets = new ArrayList<>();
        for (Group group : groups.values()) {
            Comparator<EndpointAddress> byIp = Comparator.comparing(EndpointAddress::getIp);
            group.ready.sort(byIp);
            group.notReady.sort(byIp);
            subsets.add(new EndpointSubsetBuilder()
                    .withAddresses(group.ready.isEmpty() ? null : group.ready)
                    .withNotReadyAddresses(group.notReady.isEmpty() ? null : group.notReady)
                    .withPorts(group.ports.isEmpty() ? null : group.ports)
                    .build());
        }
        return subsets;
    }

    /** The Service's labels, plus the headless label for a headless Service. */
    public static Map<String, String> labels(Service service) {
        Map<String, String> labels = new HashMap<>();
        if (service.getMetadata().getLabels() != null) {
            labels.putAll(service.getMetadata().getLabels());
        }
        labels.remove(HEADLESS_LABEL);
        if ("None".equals(service.getSpec().getClusterIP())) {
            labels.put(HEADLESS_LABEL, "");
        }
        return labels;
    }

    private static EndpointAddress address(Service service, Pod pod) {
        String nodeName = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
        return new EndpointAddressBuilder()
                .withIp(PodEndpoints.podIp(pod))
                .withHostname(PodEndpoints.hostname(service, pod))
                .withNodeName(nodeName == null || nodeName.isEmpty() ? null : nodeName)
                .withTargetRef(new ObjectReferenceBuilder().withKind("Pod")
                        .withNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                        .withUid(pod.getMetadata().getUid()).build())
                .build();
    }

    private static String portsKey(List<EndpointPort> ports) {
        StringBuilder sb = new StringBuilder();
        for (EndpointPort p : ports) {
            sb.append(p.getName()).append('/').append(p.getPort()).append('/').append(p.getProtocol()).append(';');
        }
        return sb.toString();
    }

    private static final class Group {
        final List<EndpointPort> ports;
        final List<EndpointAddress> ready = new ArrayList<>();
        final List<EndpointAddress> notReady = new ArrayList<>();

        Group(List<EndpointPort> ports) {
            this.ports = ports;
        }
    }
}
