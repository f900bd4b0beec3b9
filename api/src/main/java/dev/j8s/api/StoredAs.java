package dev.j8s.api;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One resource served through another API but kept in that API's storage, as kube-apiserver keeps
 * events.k8s.io/v1 Events in the core Event registry: every object is stored in the storage
 * resource's form and converted on the way in and out, so both APIs see the same objects.
 *
 * @param group      the storage resource's group ("" for core)
 * @param plural     the storage resource's plural
 * @param conversion between this type's form and the stored form
 */
public record StoredAs(String group, String plural, Conversion conversion) {

    /** Converts whole objects (apiVersion, kind, metadata and fields) between two forms of one resource. */
    public interface Conversion {
        ObjectNode toStorage(ObjectNode object);

        ObjectNode fromStorage(ObjectNode stored);
    }

    public ObjectNode toStorage(ObjectNode object) {
        return conversion.toStorage(object);
    }

    public ObjectNode fromStorage(ObjectNode stored) {
        return conversion.fromStorage(stored);
    }
}
