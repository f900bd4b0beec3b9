package dev.j8s.controllers.endpointslice;

import dev.j8s.client.ApiStatusException;
import dev.j8s.client.ResourceClient;
import dev.j8s.client.informer.Indexer;
import dev.j8s.controllers.framework.Reconciler;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Brings one Service's EndpointSlices to what {@link EndpointSlicePlanner} computes from the pod cache:
 * creates, then in-place updates, then deletes. Services without a selector are left to whoever writes their
 * slices; the slices of a deleted Service go with it through their owner reference.
 */
final class EndpointSliceReconciler implements Reconciler {

    static final String BY_SERVICE = "endpointslice-controller/byService";
    /** How soon a Service whose own writes are not yet in the cache is looked at again. */
    private static final Duration STALE_RETRY = Duration.ofMillis(100);

    private final Indexer<Service> services;
    private final Indexer<Pod> pods;
    private final Indexer<Node> nodes;
    private final Indexer<EndpointSlice> slices;
    private final ResourceClient<EndpointSlice> api;
    private final SliceTracker tracker;
    private final int maxPerSlice;

    EndpointSliceReconciler(Indexer<Service> services, Indexer<Pod> pods, Indexer<Node> nodes,
                            Indexer<EndpointSlice> slices, ResourceClient<EndpointSlice> api, SliceTracker tracker,
                            int maxPerSlice) {
        this.services = services;
        this.pods = pods;
        this.nodes = nodes;
        this.slices = slices;
        this.api = api;
        this.tracker = tracker;
        this.maxPerSlice = maxPerSlice;
    }

    /** Slices this controller manages, by their Service's key. */
    static List<String> serviceKeys(EndpointSlice slice) {
        Map<String, String> labels = slice.getMetadata().getLabels();
        if (labels == null || !EndpointSlicePlanner.MANAGED_BY.equals(labels.get(EndpointSlicePlanner.MANAGED_BY_LABEL))
                || labels.get(EndpointSlicePlanner.SERVICE_NAME_LABEL) == null) {
            return List.of();
        }
        return List.of(slice.getMetadata().getNamespace() + "/" + labels.get(EndpointSlicePlanner.SERVICE_NAME_LABEL));
    }

    @Override
    public Result reconcile(String key) {
        Service service = services.get(key);
        if (service == null) {
            tracker.forget(key);
            return Result.done();
        }
        if (!PodEndpoints.hasSelector(service)) {
            return Result.done();
        }
        String namespace = service.getMetadata().getNamespace();
        if (tracker.stale(key, namespace, slices)) {
            return Result.requeueAfter(STALE_RETRY);
        }
        List<EndpointSlice> owned = slices.byIndex(BY_SERVICE, key).stream()
                .filter(s -> ownedBy(s, service)).toList();
        EndpointSlicePlanner.Plan plan = EndpointSlicePlanner.plan(service, SelectingServices.selectedPods(pods, service),
                this::zoneOf, owned, maxPerSlice);
        for (EndpointSlice slice : plan.creates()) {
            tracker.wrote(key, api.create(slice));
        }
        for (EndpointSlice slice : plan.updates()) {
            tracker.wrote(key, api.update(slice));
        }
        for (EndpointSlice slice : plan.deletes()) {
            try {
                api.delete(namespace, slice.getMetadata().getName(), null);
            } catch (ApiStatusException e) {
                if (!e.isNotFound()) {
                    throw e;
                }
            }
            tracker.deleted(key, slice.getMetadata().getName());
        }
        return Result.done();
    }

    private static boolean ownedBy(EndpointSlice slice, Service service) {
        List<OwnerReference> refs = slice.getMetadata().getOwnerReferences();
        return refs != null && refs.stream().anyMatch(r -> service.getMetadata().getUid().equals(r.getUid()));
    }

    private String zoneOf(String nodeName) {
        Node node = nodes.get(nodeName);
        Map<String, String> labels = node == null ? null : node.getMetadata().getLabels();
        return labels == null ? null : labels.get("topology.kubernetes.io/zone");
    }
}
