package dev.j8s.client.informer;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;

/** Cache keys as client-go's MetaNamespaceKeyFunc makes them: "namespace/name", or "name" when cluster-scoped. */
public final class ObjectKeys {

    private ObjectKeys() {}

    public static String key(HasMetadata object) {
        ObjectMeta meta = object.getMetadata();
        return key(meta.getNamespace(), meta.getName());
    }

    public static String key(String namespace, String name) {
        return namespace == null || namespace.isEmpty() ? name : namespace + "/" + name;
    }

    public static String resourceVersion(HasMetadata object) {
        return object.getMetadata() == null ? null : object.getMetadata().getResourceVersion();
    }
}
