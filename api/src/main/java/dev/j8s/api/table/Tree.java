package dev.j8s.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Null-safe reads from an API object's JSON tree. Printers read fields that are often absent
 * (Kubernetes omits zero values), so every accessor answers the Go zero value instead of failing.
 */
final class Tree {

    private Tree() {}

    /** The node at the path, or a missing node when any step is absent or null. */
    static JsonNode at(JsonNode node, String... path) {
        JsonNode current = node == null ? MissingNode.getInstance() : node;
        for (String step : path) {
            current = current.path(step);
        }
        return current.isNull() ? MissingNode.getInstance() : current;
    }

    static boolean has(JsonNode node, String... path) {
        return !at(node, path).isMissingNode();
    }

    /** The text at the path, or "" when absent (Go's zero string). */
    static String text(JsonNode node, String... path) {
        JsonNode value = at(node, path);
        return value.isMissingNode() ? "" : value.asText();
    }

    /** The integer at the path, or 0 when absent (Go's zero int). */
    static long integer(JsonNode node, String... path) {
        JsonNode value = at(node, path);
        return value.isMissingNode() ? 0L : value.asLong();
    }

    static boolean bool(JsonNode node, String... path) {
        return at(node, path).asBoolean(false);
    }

    /** Elements of the array at the path; empty when absent. */
    static List<JsonNode> items(JsonNode node, String... path) {
        JsonNode value = at(node, path);
        List<JsonNode> out = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(out::add);
        }
        return out;
    }

    /** Number of entries of the array or map at the path (Go's len()). */
    static int size(JsonNode node, String... path) {
        JsonNode value = at(node, path);
        return value.isContainerNode() ? value.size() : 0;
    }

    /** The string map at the path (labels, selectors, annotations), in document order. */
    static Map<String, String> stringMap(JsonNode node, String... path) {
        JsonNode value = at(node, path);
        Map<String, String> out = new LinkedHashMap<>();
        if (value.isObject()) {
            value.properties().forEach(e -> out.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText()));
        }
        return out;
    }
}
