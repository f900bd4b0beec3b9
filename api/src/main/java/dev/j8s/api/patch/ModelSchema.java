package dev.j8s.api.patch;

import com.fasterxml.jackson.databind.JavaType;
import dev.j8s.api.Json;
import dev.j8s.api.ModelProperties;
import java.util.Optional;

/**
 * The model type of the value strategic merge patch is looking at, found by walking the fabric8
 * classes with Jackson's introspection: the Java counterpart of the Go struct that
 * {@code strategicpatch} reads its {@code patchStrategy}/{@code patchMergeKey} tags from.
 * An unknown type (custom resources, free-form fields) has no metadata: maps merge, lists replace.
 */
final class ModelSchema {

    /** Where the patch metadata of a field comes from: {@link PatchMetadata} except in tests. */
    interface MetadataSource {
        Optional<ListPatchInfo> lookup(Class<?> owner, String jsonField);
    }

    static final ModelSchema UNKNOWN = new ModelSchema(null, PatchMetadata::lookup);

    private final JavaType type;
    private final MetadataSource metadata;

    private ModelSchema(JavaType type, MetadataSource metadata) {
        this.type = type;
        this.metadata = metadata;
    }

    static ModelSchema of(Class<?> modelType) {
        return of(modelType, PatchMetadata::lookup);
    }

    static ModelSchema of(Class<?> modelType, MetadataSource metadata) {
        return modelType == null ? UNKNOWN : new ModelSchema(Json.MAPPER.constructType(modelType), metadata);
    }

    private ModelSchema child(JavaType childType) {
        return childType == null ? UNKNOWN : new ModelSchema(childType, metadata);
    }

    /**
     * A field of an object value. For a map type ({@code labels}, {@code data}) every key is a field
     * whose type is the map's value type.
     */
    Field field(String jsonName) {
        if (type == null || type.isCollectionLikeType() || type.isArrayType()) {
            return Field.NONE;
        }
        if (type.isMapLikeType()) {
            return new Field(child(type.getContentType()), null, null);
        }
        Class<?> owner = type.getRawClass();
        JavaType fieldType = ModelProperties.of(owner).get(jsonName);
        ListPatchInfo info = metadata.lookup(owner, jsonName).orElse(null);
        if (info == null) {
            return new Field(child(fieldType), null, null);
        }
        return new Field(child(fieldType), mergeStrategy(info.strategy()), info.mergeKey());
    }

    /** The type of the items of a list value. */
    ModelSchema element() {
        if (type != null && (type.isCollectionLikeType() || type.isArrayType())) {
            return child(type.getContentType());
        }
        return UNKNOWN;
    }

    String describe() {
        return type == null ? "unknown type" : type.getRawClass().getSimpleName();
    }

    /** "merge,retainKeys" → "merge": the retainKeys part only announces that {@code $retainKeys} may be sent. */
    private static String mergeStrategy(String declared) {
        if (declared == null) {
            return null;
        }
        for (String part : declared.split(",")) {
            if (!part.isEmpty() && !part.equals("retainKeys")) {
                return part;
            }
        }
        return null;
    }

    /**
     * @param schema   the field's own type
     * @param strategy "merge", "replace" or null, with any "retainKeys" removed
     * @param mergeKey the key identifying items of a merging list of objects, or null
     */
    record Field(ModelSchema schema, String strategy, String mergeKey) {
        static final Field NONE = new Field(UNKNOWN, null, null);

        boolean merges() {
            return "merge".equals(strategy);
        }

        boolean replaces() {
            return "replace".equals(strategy);
        }
    }
}
