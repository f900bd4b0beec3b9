package dev.j8s.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Read-only accessors over API object trees that treat a missing field and JSON null alike. */
final class Nodes {

    private Nodes() {}

    static JsonNode get(JsonNode node, String field) {
        if (node == null) {
            return MissingNode.getInstance();
        }
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? MissingNode.getInstance() : v;
    }

    static boolean has(JsonNode node, String field) {
        return !get(node, field).isMissingNode();
    }

    /** The field's text, or "" when absent (Go's zero value for strings). */
    static String text(JsonNode node, String field) {
        JsonNode v = get(node, field);
        return v.isMissingNode() ? "" : v.asText();
    }

    /** The field as a number, or null when absent (a Go pointer that is nil). */
    static Long number(JsonNode node, String field) {
        JsonNode v = get(node, field);
        if (v.isMissingNode()) {
            return null;
        }
        return v.isNumber() ? v.asLong() : (v.isTextual() && v.asText().matches("-?\\d+") ? Long.parseLong(v.asText()) : null);
    }

    static long numberOr(JsonNode node, String field, long fallback) {
        Long n = number(node, field);
        return n == null ? fallback : n;
    }

    static boolean bool(JsonNode node, String field) {
        return get(node, field).asBoolean(false);
    }

    static List<JsonNode> items(JsonNode node, String field) {
        JsonNode v = get(node, field);
        List<JsonNode> out = new ArrayList<>();
        if (v.isArray()) {
            v.forEach(out::add);
        }
        return out;
    }

    /** A map of strings in document order; empty when absent. */
    static Map<String, String> stringMap(JsonNode node, String field) {
        JsonNode v = get(node, field);
        Map<String, String> out = new LinkedHashMap<>();
        if (v.isObject()) {
            v.properties().forEach(e -> out.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText()));
        }
        return out;
    }
}
