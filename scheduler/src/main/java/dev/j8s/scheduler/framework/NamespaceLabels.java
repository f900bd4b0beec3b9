package dev.j8s.scheduler.framework;

import io.fabric8.kubernetes.api.model.Namespace;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The labels of each namespace, for pod affinity terms with a {@code namespaceSelector}
 * (Kubernetes reads them from its namespace lister). Fed by namespace events.
 */
public final class NamespaceLabels {

    private final Map<String, Map<String, String>> labels = new ConcurrentHashMap<>();

    public void put(Namespace namespace) {
        Map<String, String> l = namespace.getMetadata().getLabels();
        labels.put(namespace.getMetadata().getName(), l == null ? Map.of() : Map.copyOf(l));
    }

    public void remove(Namespace namespace) {
        labels.remove(namespace.getMetadata().getName());
    }

    /** The namespace's labels; empty when it is unknown. */
    public Map<String, String> of(String namespace) {
        return labels.getOrDefault(namespace, Map.of());
    }
}
