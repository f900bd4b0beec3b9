package dev.j8s.api.apply;

import dev.j8s.api.ResourceType;

/** The field-management schema of a resource's objects. */
public final class FieldSchemas {

    private FieldSchemas() {}

    public static FieldSchema of(ResourceType type) {
        if (type.custom() != null) {
            return CrdFieldSchema.root(type.custom().schema());
        }
        return ModelFieldSchema.of(type.modelClass());
    }
}
