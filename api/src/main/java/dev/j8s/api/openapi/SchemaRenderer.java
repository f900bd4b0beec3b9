package dev.j8s.api.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * Writes definitions into a document: bare-name references become JSON pointers, and in OpenAPI v3
 * a reference with siblings (a field's description or patch extensions) becomes
 * {@code {"allOf": [{"$ref": ...}], "description": ...}}, because v3 ignores siblings of {@code $ref}.
 * kubectl explain and kubectl's strategic-merge-patch lookup both follow that {@code allOf} form,
 * which is what kube-apiserver publishes.
 */
final class SchemaRenderer {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final String refPrefix;
    private final boolean v3;

    private SchemaRenderer(String refPrefix, boolean v3) {
        this.refPrefix = refPrefix;
        this.v3 = v3;
    }

    static SchemaRenderer v3() {
        return new SchemaRenderer("#/components/schemas/", true);
    }

    static SchemaRenderer v2() {
        return new SchemaRenderer("#/definitions/", false);
    }

    String ref(String definition) {
        return refPrefix + definition;
    }

    ObjectNode refSchema(String definition) {
        return JSON.objectNode().put("$ref", ref(definition));
    }

    ObjectNode definition(String name, ObjectNode def) {
        ObjectNode out = (ObjectNode) rewrite(def);
        if (v3) {
            oneOfTypes(name).ifPresent(types -> {
                // Quantity and IntOrString accept either JSON type; v3 says so instead of "type: string".
                out.remove("type");
                ArrayNode oneOf = out.putArray("oneOf");
                for (String type : types) {
                    oneOf.addObject().put("type", type);
                }
            });
        }
        return out;
    }

    private static Optional<String[]> oneOfTypes(String name) {
        return switch (name) {
            case ApiGroupPackages.QUANTITY -> Optional.of(new String[] {"string", "number"});
            case ApiGroupPackages.INT_OR_STRING -> Optional.of(new String[] {"integer", "string"});
            default -> Optional.empty();
        };
    }

    private JsonNode rewrite(JsonNode node) {
        if (node.isArray()) {
            ArrayNode out = JSON.arrayNode();
            node.forEach(n -> out.add(rewrite(n)));
            return out;
        }
        if (!node.isObject()) {
            return node.deepCopy();
        }
        ObjectNode out = JSON.objectNode();
        JsonNode ref = node.get("$ref");
        boolean isRef = ref != null && ref.isTextual();
        if (isRef && v3 && node.size() > 1) {
            out.putArray("allOf").addObject().put("$ref", ref(ref.asText()));
        } else if (isRef) {
            out.put("$ref", ref(ref.asText()));
        }
        node.properties().forEach(e -> {
            if (!(isRef && e.getKey().equals("$ref"))) {
                out.set(e.getKey(), rewrite(e.getValue()));
            }
        });
        return out;
    }
}
