package dev.j8s.api.openapi;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.j8s.api.ResourceType;

/**
 * Schemas for served types that have no built-in definition (custom resources, until their
 * CRD's own schema is published): the standard envelope of apiVersion, kind and metadata, with
 * every other field left open, as kube-apiserver publishes a CRD version without a schema.
 */
final class CustomResourceSchemas {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private CustomResourceSchemas() {}

    static ObjectNode kind(ResourceType type) {
        if (type.custom() != null && type.custom().schema() != null) {
            return fromDefinition(type);
        }
        ObjectNode def = envelope(type.kind() + " is served by j8s without a published schema.",
                ApiGroupPackages.META_V1 + "ObjectMeta");
        def.put("x-kubernetes-preserve-unknown-fields", true);
        return def;
    }

    /** The CRD version's own schema, with the standard apiVersion/kind/metadata envelope around it. */
    private static ObjectNode fromDefinition(ResourceType type) {
        ObjectNode schema = type.custom().schema().deepCopy();
        ObjectNode def = envelope(schema.path("description").asText(type.kind() + " is a custom resource."),
                ApiGroupPackages.META_V1 + "ObjectMeta");
        ObjectNode properties = (ObjectNode) def.get("properties");
        schema.path("properties").fields().forEachRemaining(e -> {
            if (!properties.has(e.getKey())) {
                properties.set(e.getKey(), e.getValue());
            }
        });
        if (schema.has("required")) {
            def.set("required", schema.get("required"));
        }
        if (schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
            def.put("x-kubernetes-preserve-unknown-fields", true);
        }
        return def;
    }

    static ObjectNode list(ResourceType type, String kindDefinition) {
        ObjectNode def = envelope(type.listKind() + " is a list of " + type.kind() + ".",
                ApiGroupPackages.META_V1 + "ListMeta");
        ObjectNode items = ((ObjectNode) def.get("properties")).putObject("items");
        items.put("description", "List of " + type.plural() + ".").put("type", "array");
        items.putObject("items").put("$ref", kindDefinition);
        def.putArray("required").add("items");
        return def;
    }

    private static ObjectNode envelope(String description, String metaDefinition) {
        ObjectNode def = JSON.objectNode().put("description", description).put("type", "object");
        ObjectNode properties = def.putObject("properties");
        properties.putObject("apiVersion").put("type", "string").put("description",
                "APIVersion defines the versioned schema of this representation of an object.");
        properties.putObject("kind").put("type", "string").put("description",
                "Kind is a string value representing the REST resource this object represents.");
        properties.putObject("metadata").put("$ref", metaDefinition).put("description", "Standard metadata.");
        return def;
    }
}
