package dev.j8s.api.defaults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.j8s.api.Json;
import java.util.function.Consumer;

/** Small tree helpers for defaulting: "set if absent" and "the child object, created if missing". */
final class Nodes {

    private Nodes() {}

    static ObjectNode obj(ObjectNode parent, String field) {
        JsonNode child = parent.get(field);
        if (child instanceof ObjectNode o) {
            return o;
        }
        ObjectNode created = Json.object();
        parent.set(field, created);
        return created;
    }

    static boolean absent(ObjectNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || (v.isTextual() && v.asText().isEmpty());
    }

    static void put(ObjectNode node, String field, String value) {
        if (absent(node, field)) {
            node.put(field, value);
        }
    }

    static void put(ObjectNode node, String field, long value) {
        if (absent(node, field)) {
            node.put(field, value);
        }
    }

    static void put(ObjectNode node, String field, boolean value) {
        if (absent(node, field)) {
            node.put(field, value);
        }
    }

    static void eachObject(ObjectNode node, String field, Consumer<ObjectNode> action) {
        if (node.get(field) instanceof ArrayNode array) {
            for (JsonNode item : array) {
                if (item instanceof ObjectNode o) {
                    action.accept(o);
                }
            }
        }
    }
}
