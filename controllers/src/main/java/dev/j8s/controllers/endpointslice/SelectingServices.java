package dev.j8s.controllers.endpointslice;

import dev.j8s.client.informer.Indexer;
import dev.j8s.client.informer.Indexes;
import dev.j8s.client.informer.ObjectKeys;
import dev.j8s.client.informer.ResourceEventHandler;
import dev.j8s.client.informer.SharedIndexInformer;
import dev.j8s.controllers.framework.InformerIndexes;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Which Services select a pod (from the Service cache, by namespace), and a pod event handler that wakes them:
 * on an update, the Services of the old labels as well as the new ones, so a pod leaving a Service is removed.
 */
public final class SelectingServices {

    private final Indexer<Service> services;

    public SelectingServices(SharedIndexInformer<Service> services) {
        InformerIndexes.ensure(services, Indexes.NAMESPACE, Indexes.byNamespace());
        this.services = services.indexer();
    }

    public Set<String> keysFor(Pod pod) {
        return keysFor(pod.getMetadata().getNamespace(), pod.getMetadata().getLabels());
    }

    private Set<String> keysFor(String namespace, Map<String, String> labels) {
        Set<String> keys = new LinkedHashSet<>();
        Map<String, String> podLabels = labels == null ? Map.of() : labels;
        for (Service service : services.byIndex(Indexes.NAMESPACE, namespace)) {
            if (PodEndpoints.hasSelector(service) && selects(service.getSpec().getSelector(), podLabels)) {
                keys.add(ObjectKeys.key(service));
            }
        }
        return keys;
    }

    /** A Service selector is a plain equality map. */
    public static boolean selects(Map<String, String> selector, Map<String, String> labels) {
        for (var e : selector.entrySet()) {
            if (!Objects.equals(labels.get(e.getKey()), e.getValue())) {
                return false;
            }
        }
        return true;
    }

    /** The pods of the Service's namespace it selects. */
    public static List<Pod> selectedPods(Indexer<Pod> pods, Service service) {
        Map<String, String> selector = service.getSpec().getSelector();
        return pods.byIndex(Indexes.NAMESPACE, service.getMetadata().getNamespace()).stream()
                .filter(p -> selects(selector, p.getMetadata().getLabels() == null ? Map.of()
                        : p.getMetadata().getLabels()))
                .toList();
    }

    /** Enqueues the Services a pod change concerns. */
    public ResourceEventHandler<Pod> podHandler(Consumer<String> enqueue) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                keysFor(pod).forEach(enqueue);
            }

            @Override
            public void onUpdate(Pod oldPod, Pod newPod) {
                Set<String> keys = keysFor(newPod);
                if (!Objects.equals(oldPod.getMetadata().getLabels(), newPod.getMetadata().getLabels())) {
                    keys.addAll(keysFor(oldPod));
                }
                keys.forEach(enqueue);
            }

            @Override
            public void onDelete(Pod pod) {
                keysFor(pod).forEach(enqueue);
            }
        };
    }
}
