package dev.j8s.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.j8s.api.StatusCause;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What kube-apiserver does to a custom resource with its CRD's structural schema: defaulting,
 * pruning of unknown fields and validation (types, required, enum, pattern, bounds, lengths,
 * nullable), with the same field paths and messages.
 */
public final class StructuralSchema {

    private static final List<String> ENVELOPE = List.of("apiVersion", "kind", "metadata");

    private StructuralSchema() {}

    /** Fills absent fields that have a {@code default}, recursively. */
    public static void applyDefaults(JsonNode schema, JsonNode node) {
        if (node instanceof ObjectNode object) {
            JsonNode properties = schema.path("properties");
            properties.fields().forEachRemaining(e -> {
                JsonNode propertySchema = e.getValue();
                if (!object.has(e.getKey()) && propertySchema.has("default")) {
                    object.set(e.getKey(), propertySchema.get("default").deepCopy());
                }
                if (object.has(e.getKey())) {
                    applyDefaults(propertySchema, object.get(e.getKey()));
                }
            });
            if (schema.path("additionalProperties").isObject()) {
                object.fields().forEachRemaining(e -> applyDefaults(schema.get("additionalProperties"), e.getValue()));
            }
        } else if (node.isArray() && schema.has("items")) {
            node.forEach(item -> applyDefaults(schema.get("items"), item));
        }
    }

    /** Removes fields the schema does not know (keeping apiVersion/kind/metadata); returns their paths. */
    public static List<String> prune(JsonNode schema, JsonNode root) {
        List<String> removed = new ArrayList<>();
        prune(schema, root, "", removed, true);
        return removed;
    }

    private static void prune(JsonNode schema, JsonNode node, String path, List<String> removed, boolean root) {
        if (node instanceof ObjectNode object) {
            JsonNode properties = schema.path("properties");
            boolean preserve = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
            boolean map = schema.path("additionalProperties").isObject();
            Iterator<Map.Entry<String, JsonNode>> it = object.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                String key = e.getKey();
                String at = path.isEmpty() ? key : path + "." + key;
                if (root && ENVELOPE.contains(key)) {
                    continue;
                }
                if (properties.has(key)) {
                    prune(properties.get(key), e.getValue(), at, removed, false);
                } else if (map) {
                    prune(schema.get("additionalProperties"), e.getValue(), at, removed, false);
                } else if (!preserve && !schema.path("additionalProperties").asBoolean(false)) {
                    removed.add("unknown field \"" + at + "\"");
                    it.remove();
                }
            }
        } else if (node.isArray() && schema.has("items")) {
            for (int i = 0; i < node.size(); i++) {
                prune(schema.get("items"), node.get(i), path + "[" + i + "]", removed, false);
            }
        }
    }

    public static List<StatusCause> validate(JsonNode schema, JsonNode root) {
        List<StatusCause> out = new ArrayList<>();
        validate(schema, root, "", out, true);
        return out;
    }

    private static void validate(JsonNode schema, JsonNode node, String path, List<StatusCause> out, boolean root) {
        if (node.isNull()) {
            if (!schema.path("nullable").asBoolean(false) && schema.has("type")) {
                out.add(typeError(path, "null", schema.path("type").asText()));
            }
            return;
        }
        String type = schema.path("type").asText("");
        if (!type.isEmpty() && !hasType(node, type)) {
            out.add(typeError(path, jsonType(node), type));
            return;
        }
        if (schema.has("enum")) {
            boolean found = false;
            List<String> allowed = new ArrayList<>();
            for (JsonNode v : schema.get("enum")) {
                allowed.add(v.asText());
                found |= v.equals(node);
            }
            if (!found) {
                out.add(StatusCause.notSupported(path, node.isTextual() ? node.asText() : node.toString(), allowed));
            }
        }
        if (node.isTextual()) {
            text(schema, node.asText(), path, out);
        } else if (node.isNumber()) {
            number(schema, node, path, out);
        } else if (node.isArray()) {
            bounds(node.size(), schema, "minItems", "maxItems", path, "items", out);
            if (schema.has("items")) {
                for (int i = 0; i < node.size(); i++) {
                    validate(schema.get("items"), node.get(i), path + "[" + i + "]", out, false);
                }
            }
        } else if (node.isObject()) {
            for (JsonNode required : schema.path("required")) {
                if (!node.has(required.asText())) {
                    out.add(StatusCause.required(join(path, required.asText())));
                }
            }
            JsonNode properties = schema.path("properties");
            node.fields().forEachRemaining(e -> {
                if (root && ENVELOPE.contains(e.getKey())) {
                    return;
                }
                if (properties.has(e.getKey())) {
                    validate(properties.get(e.getKey()), e.getValue(), join(path, e.getKey()), out, false);
                } else if (schema.path("additionalProperties").isObject()) {
                    validate(schema.get("additionalProperties"), e.getValue(), join(path, e.getKey()), out, false);
                }
            });
        }
    }

    private static void text(JsonNode schema, String value, String path, List<StatusCause> out) {
        bounds(value.length(), schema, "minLength", "maxLength", path, "chars", out);
        if (schema.has("pattern")) {
            String pattern = schema.get("pattern").asText();
            try {
                if (!Pattern.compile(pattern).matcher(value).find()) {
                    out.add(StatusCause.invalid(path, value, path + " in body should match '" + pattern + "'"));
                }
            } catch (PatternSyntaxException e) {
                out.add(StatusCause.invalid(path, value, "the schema's pattern is not a valid regular expression"));
            }
        }
    }

    private static void number(JsonNode schema, JsonNode value, String path, List<StatusCause> out) {
        double v = value.asDouble();
        Object shown = value.isIntegralNumber() ? (Object) value.asLong() : (Object) value.asDouble();
        if (schema.has("minimum")) {
            double min = schema.get("minimum").asDouble();
            boolean exclusive = schema.path("exclusiveMinimum").asBoolean(false);
            if (exclusive ? v <= min : v < min) {
                out.add(StatusCause.invalid(path, shown, path + " in body should be greater than "
                        + (exclusive ? "" : "or equal to ") + schema.get("minimum").asText()));
            }
        }
        if (schema.has("maximum")) {
            double max = schema.get("maximum").asDouble();
            boolean exclusive = schema.path("exclusiveMaximum").asBoolean(false);
            if (exclusive ? v >= max : v > max) {
                out.add(StatusCause.invalid(path, shown, path + " in body should be less than "
                        + (exclusive ? "" : "or equal to ") + schema.get("maximum").asText()));
            }
        }
    }

    private static void bounds(int size, JsonNode schema, String minKey, String maxKey, String path, String unit,
                               List<StatusCause> out) {
        if (schema.has(minKey) && size < schema.get(minKey).asInt()) {
            out.add(StatusCause.invalid(path, size, path + " in body should have at least " + schema.get(minKey).asInt()
                    + " " + unit));
        }
        if (schema.has(maxKey) && size > schema.get(maxKey).asInt()) {
            out.add(new StatusCause("FieldValueTooLong", "Too long: may not be more than " + schema.get(maxKey).asInt()
                    + " " + unit, path));
        }
    }

    private static boolean hasType(JsonNode node, String type) {
        return switch (type) {
            case "string" -> node.isTextual();
            case "integer" -> node.isIntegralNumber() || (node.isNumber() && node.asDouble() == Math.rint(node.asDouble()));
            case "number" -> node.isNumber();
            case "boolean" -> node.isBoolean();
            case "object" -> node.isObject();
            case "array" -> node.isArray();
            default -> true;
        };
    }

    private static String jsonType(JsonNode node) {
        if (node.isTextual()) {
            return "string";
        }
        if (node.isIntegralNumber()) {
            return "integer";
        }
        if (node.isNumber()) {
            return "number";
        }
        if (node.isBoolean()) {
            return "boolean";
        }
        return node.isArray() ? "array" : node.isObject() ? "object" : "null";
    }

    private static StatusCause typeError(String path, String actual, String expected) {
        return new StatusCause("FieldValueTypeInvalid", "Invalid value: \"" + actual + "\": " + path
                + " in body must be of type " + expected + ": \"" + actual + "\"", path);
    }

    private static String join(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }
}
