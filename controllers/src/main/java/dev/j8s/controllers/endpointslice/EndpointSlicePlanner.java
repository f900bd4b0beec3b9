package dev.j8s.controllers.endpointslice;

import dev.j8s.controllers.framework.OwnerReferences;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The EndpointSlices a Service should have, computed against the ones it has, with as little churn as the
 * Kubernetes reconciler: endpoints are grouped by their resolved ports (pods that number a named port
 * differently land in different slices), endpoints already in a slice stay there (updated in place), new
 * endpoints fill existing slices before new ones are created, at most {@code maxPerSlice} per slice. A Service
 * without endpoints keeps one empty placeholder slice, as Kubernetes does.
 */
public final class EndpointSlicePlanner {

    public static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";
    public static final String MANAGED_BY_LABEL = "endpointslice.kubernetes.io/managed-by";
    public static final String MANAGED_BY = "endpointslice-controller.k8s.io";
    public static final String HEADLESS_LABEL = "service.kubernetes.io/headless";
    /** kube-controller-manager's default --max-endpoints-per-slice. */
    public static final int MAX_ENDPOINTS_PER_SLICE = 100;

    /** The writes that bring a Service's slices to the desired state. */
    public record Plan(List<EndpointSlice> creates, List<EndpointSlice> updates, List<EndpointSlice> deletes) {
        public boolean isEmpty() {
            return creates.isEmpty() && updates.isEmpty() && deletes.isEmpty();
        }
    }

    private EndpointSlicePlanner() {}

    /**
     * @param pods     the pods the Service selects (any state; the planner decides which are listed)
     * @param zoneOf   the {@code topology.kubernetes.io/zone} of a node, or null
     * @param existing the slices this controller manages for the Service
     */
    public static Plan plan(Service service, List<Pod> pods, Function<String, String> zoneOf,
                            List<EndpointSlice> existing, int maxPerSlice) {
        Map<String, String> labels = labels(service);
        Map<List<EndpointPort>, LinkedHashMap<String, Endpoint>> desired = desired(service, pods, zoneOf);
        List<EndpointSlice> creates = new ArrayList<>();
        List<EndpointSlice> updates = new ArrayList<>();
        List<EndpointSlice> deletes = new ArrayList<>();
        if (desired.isEmpty()) {
            placeholder(service, labels, existing, creates, updates, deletes);
            return new Plan(creates, updates, deletes);
        }
        Map<List<EndpointPort>, List<EndpointSlice>> existingByPorts = new LinkedHashMap<>();
        for (EndpointSlice slice : sortedByName(existing)) {
            List<EndpointPort> ports = slice.getPorts() == null ? List.of() : slice.getPorts();
            if (desired.containsKey(ports) && "IPv4".equals(slice.getAddressType())) {
                existingByPorts.computeIfAbsent(ports, k -> new ArrayList<>()).add(slice);
            } else {
                deletes.add(slice);
            }
        }
        desired.forEach((ports, endpoints) -> reconcilePorts(service, labels, ports, endpoints,
                existingByPorts.getOrDefault(ports, List.of()), maxPerSlice, creates, updates, deletes));
        return new Plan(creates, updates, deletes);
    }

    private static void reconcilePorts(Service service, Map<String, String> labels, List<EndpointPort> ports,
                                       LinkedHashMap<String, Endpoint> wanted, List<EndpointSlice> slices,
                                       int maxPerSlice, List<EndpointSlice> creates, List<EndpointSlice> updates,
                                       List<EndpointSlice> deletes) {
        Map<String, Endpoint> unplaced = new LinkedHashMap<>(wanted);
        Map<EndpointSlice, List<Endpoint>> kept = new LinkedHashMap<>();
        for (EndpointSlice slice : slices) {
            List<Endpoint> endpoints = new ArrayList<>();
            for (Endpoint current : slice.getEndpoints() == null ? List.<Endpoint>of() : slice.getEndpoints()) {
                Endpoint next = unplaced.remove(key(current));
                if (next != null && endpoints.size() < maxPerSlice) {
                    endpoints.add(next);
                }
            }
            kept.put(slice, endpoints);
        }
        var remaining = new ArrayList<>(unplaced.values());
        int next = 0;
        for (var entry : kept.entrySet()) {
            List<Endpoint> endpoints = entry.getValue();
            // Only slices still in use take new endpoints; an emptied slice is deleted rather than refilled.
            while (!endpoints.isEmpty() && endpoints.size() < maxPerSlice && next < remaining.size()) {
                endpoints.add(remaining.get(next++));
            }
        }
        for (var entry : kept.entrySet()) {
            EndpointSlice slice = entry.getKey();
            List<Endpoint> endpoints = entry.getValue();
            if (endpoints.isEmpty() && next < remaining.size()) {
                // Reuse an emptied slice for new endpoints instead of a delete plus a create.
                while (endpoints.size() < maxPerSlice && next < remaining.size()) {
                    endpoints.add(remaining.get(next++));
                }
            }
            if (endpoints.isEmpty()) {
                deletes.add(slice);
            } else if (!endpoints.equals(slice.getEndpoints()) || !labels.equals(slice.getMetadata().getLabels())) {
                updates.add(new EndpointSliceBuilder(slice).editMetadata().withLabels(labels).endMetadata()
                        .withEndpoints(endpoints).build());
            }
        }
        while (next < remaining.size()) {
            int end = Math.min(remaining.size(), next + maxPerSlice);
            creates.add(newSlice(service, labels, ports, remaining.subList(next, end)));
            next = end;
        }
    }

    private static void placeholder(Service service, Map<String, String> labels, List<EndpointSlice> existing,
                                    List<EndpointSlice> creates, List<EndpointSlice> updates,
                                    List<EndpointSlice> deletes) {
        EndpointSlice keep = null;
        for (EndpointSlice slice : sortedByName(existing)) {
            boolean empty = (slice.getEndpoints() == null || slice.getEndpoints().isEmpty())
                    && (slice.getPorts() == null || slice.getPorts().isEmpty());
            if (keep == null && empty) {
                keep = slice;
            } else {
                deletes.add(slice);
            }
        }
        if (keep == null) {
            creates.add(newSlice(service, labels, List.of(), List.of()));
        } else if (!labels.equals(keep.getMetadata().getLabels())) {
            updates.add(new EndpointSliceBuilder(keep).editMetadata().withLabels(labels).endMetadata().build());
        }
    }

    /** Listed pods as endpoints, grouped by their resolved ports, in pod name order. */
    static Map<List<EndpointPort>, LinkedHashMap<String, Endpoint>> desired(Service service, List<Pod> pods,
                                                                            Function<String, String> zoneOf) {
        Map<List<EndpointPort>, LinkedHashMap<String, Endpoint>> desired = new LinkedHashMap<>();
        List<Pod> sorted = new ArrayList<>(pods);
        sorted.sort(Comparator.comparing(p -> p.getMetadata().getName()));
        for (Pod pod : sorted) {
            if (!PodEndpoints.shouldInclude(pod, true)) {
                continue;
            }
            Endpoint endpoint = endpoint(service, pod, zoneOf);
            desired.computeIfAbsent(PodEndpoints.ports(service, pod), k -> new LinkedHashMap<>())
                    .putIfAbsent(key(endpoint), endpoint);
        }
        return desired;
    }

    static Endpoint endpoint(Service service, Pod pod, Function<String, String> zoneOf) {
        String nodeName = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
        if (nodeName != null && nodeName.isEmpty()) {
            nodeName = null;
        }
        return new EndpointBuilder()
                .withAddresses(PodEndpoints.podIp(pod))
                .withNewConditions()
                    .withReady(PodEndpoints.ready(service, pod))
                    .withServing(PodEndpoints.serving(service, pod))
                    .withTerminating(PodEndpoints.terminating(pod))
                .endConditions()
                .withHostname(PodEndpoints.hostname(service, pod))
                .withNodeName(nodeName)
                .withZone(nodeName == null ? null : zoneOf.apply(nodeName))
                .withTargetRef(new ObjectReferenceBuilder().withKind("Pod")
                        .withNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                        .withUid(pod.getMetadata().getUid()).build())
                .build();
    }

    /** The Service's own labels plus the ones that tie the slice to it (Kubernetes' setEndpointSliceLabels). */
    public static Map<String, String> labels(Service service) {
        Map<String, String> labels = new HashMap<>();
        if (service.getMetadata().getLabels() != null) {
            labels.putAll(service.getMetadata().getLabels());
        }
        labels.remove(HEADLESS_LABEL);
        labels.put(SERVICE_NAME_LABEL, service.getMetadata().getName());
        labels.put(MANAGED_BY_LABEL, MANAGED_BY);
        if ("None".equals(service.getSpec().getClusterIP())) {
            labels.put(HEADLESS_LABEL, "");
        }
        return labels;
    }

    private static EndpointSlice newSlice(Service service, Map<String, String> labels, List<EndpointPort> ports,
                                          List<Endpoint> endpoints) {
        return new EndpointSliceBuilder()
                .withNewMetadata()
                    .withGenerateName(prefix(service.getMetadata().getName()))
                    .withNamespace(service.getMetadata().getNamespace())
                    .withLabels(labels)
                    .withOwnerReferences(OwnerReferences.newControllerRef(service))
                .endMetadata()
                .withAddressType("IPv4")
                .withEndpoints(new ArrayList<>(endpoints))
                .withPorts(ports.isEmpty() ? null : new ArrayList<>(ports))
                .build();
    }

    /** {@code <service>-}, shortened so that generated names stay within 63 characters. */
    static String prefix(String serviceName) {
        String prefix = serviceName + "-";
        return prefix.length() > 58 ? prefix.substring(0, 57) + "-" : prefix;
    }

    private static String key(Endpoint endpoint) {
        return endpoint.getAddresses() == null || endpoint.getAddresses().isEmpty() ? ""
                : endpoint.getAddresses().get(0);
    }

    private static List<EndpointSlice> sortedByName(List<EndpointSlice> slices) {
        List<EndpointSlice> sorted = new ArrayList<>(slices);
        sorted.sort(Comparator.comparing(s -> Objects.toString(s.getMetadata().getName(), "")));
        return sorted;
    }
}
