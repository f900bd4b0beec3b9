package dev.j8s.controllers.framework;

import dev.j8s.client.informer.ObjectKeys;
import dev.j8s.client.informer.ResourceEventHandler;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.function.Consumer;

/**
 * The informer handler most controllers put on their primary resource: every add, update (including
 * resyncs) and delete enqueues the object's {@code namespace/name} key, and the reconciler reads the
 * current state from the cache.
 */
public final class EnqueueByKey {

    private EnqueueByKey() {}

    public static <T extends HasMetadata> ResourceEventHandler<T> of(Consumer<String> enqueue) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T object) {
                enqueue.accept(ObjectKeys.key(object));
            }

            @Override
            public void onUpdate(T oldObject, T newObject) {
                enqueue.accept(ObjectKeys.key(newObject));
            }

            @Override
            public void onDelete(T object) {
                enqueue.accept(ObjectKeys.key(object));
            }
        };
    }
}
