package dev.j8s.api.apply;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.ArrayList;
import java.util.List;

/**
 * The field-management view of a custom resource, read from its CRD's structural schema
 * ({@code properties}, {@code additionalProperties}, {@code x-kubernetes-list-type},
 * {@code x-kubernetes-list-map-keys}, {@code x-kubernetes-map-type}). Metadata is always ObjectMeta.
 */
final class CrdFieldSchema implements FieldSchema {

    private final JsonNode schema;
    private final boolean root;

    private CrdFieldSchema(JsonNode schema, boolean root) {
        this.schema = schema;
        this.root = root;
    }

    static FieldSchema root(JsonNode openApiV3Schema) {
        return new CrdFieldSchema(openApiV3Schema == null ? com.fasterxml.jackson.databind.node.MissingNode
                .getInstance() : openApiV3Schema, true);
    }

    private static FieldSchema of(JsonNode schema) {
        if (schema == null || schema.isMissingNode() || schema.isBoolean()) {
            return DEDUCED;
        }
        return new CrdFieldSchema(schema, false);
    }

    @Override
    public Shape objectShape() {
        if ("atomic".equals(schema.path("x-kubernetes-map-type").asText())) {
            return Shape.ATOMIC;
        }
        return schema.path("properties").isObject() || root ? Shape.STRUCT : Shape.MAP;
    }

    @Override
    public Shape listShape() {
        return switch (schema.path("x-kubernetes-list-type").asText("atomic")) {
            case "map" -> Shape.LIST_MAP;
            case "set" -> Shape.LIST_SET;
            default -> Shape.LIST_ATOMIC;
        };
    }

    @Override
    public boolean declares(String name) {
        if (root && (name.equals("apiVersion") || name.equals("kind") || name.equals("metadata"))) {
            return true;
        }
        return schema.path("properties").has(name);
    }

    @Override
    public FieldSchema field(String name) {
        if (root && name.equals("metadata")) {
            return ModelFieldSchema.of(ObjectMeta.class);
        }
        JsonNode declared = schema.path("properties").get(name);
        if (declared != null) {
            return of(declared);
        }
        return of(schema.get("additionalProperties"));
    }

    @Override
    public FieldSchema element() {
        return of(schema.get("items"));
    }

    @Override
    public List<String> keys() {
        List<String> keys = new ArrayList<>();
        schema.path("x-kubernetes-list-map-keys").forEach(k -> keys.add(k.asText()));
        return keys;
    }
}
