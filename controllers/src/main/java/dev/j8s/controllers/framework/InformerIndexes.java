package dev.j8s.controllers.framework;

import dev.j8s.client.informer.IndexFunction;
import dev.j8s.client.informer.SharedIndexInformer;
import io.fabric8.kubernetes.api.model.HasMetadata;

/** Secondary indexes on shared informers, which several controllers may ask for. */
public final class InformerIndexes {

    private InformerIndexes() {}

    /** Adds the index unless a controller sharing the informer already did. */
    public static synchronized <T extends HasMetadata> void ensure(SharedIndexInformer<T> informer, String name,
                                                                   IndexFunction<T> function) {
        try {
            informer.addIndex(name, function);
        } catch (IllegalArgumentException alreadyThere) {
            // Index names are shared conventions (Indexes.*): the same name means the same function.
        }
    }
}
