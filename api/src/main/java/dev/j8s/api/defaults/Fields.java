package dev.j8s.api.defaults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** Tree edits for defaulting: fill a field only when it is absent or null (Go's nil / zero value). */
final class Fields {

    private Fields() {}

    static boolean absent(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull();
    }

    /** Absent, null or "" — Go's zero value of a string field. */
    static boolean blank(JsonNode node, String field) {
        return absent(node, field) || (node.get(field).isTextual() && node.get(field).asText().isEmpty());
    }

    /** Absent, null or 0 — Go's zero value of a non-pointer int field. */
    static boolean zero(JsonNode node, String field) {
        return absent(node, field) || (node.get(field).isNumber() && node.get(field).asLong() == 0);
    }

    static void text(ObjectNode node, String field, String value) {
        if (blank(node, field)) {
            node.put(field, value);
        }
    }

    /** Puts an int (as JSON decoding produces), so defaulted trees compare equal to parsed ones. */
    static void number(ObjectNode node, String field, int value) {
        if (absent(node, field)) {
            node.put(field, value);
        }
    }

    static void bool(ObjectNode node, String field, boolean value) {
        if (absent(node, field)) {
            node.put(field, value);
        }
    }

    /** The object at {@code field}, created (empty) when absent. */
    static ObjectNode object(ObjectNode node, String field) {
        JsonNode v = node.get(field);
        if (v instanceof ObjectNode o) {
            return o;
        }
        return node.putObject(field);
    }

    /** The object at {@code field} if present, else null (nothing to default inside). */
    static ObjectNode existing(JsonNode node, String field) {
        return node != null && node.get(field) instanceof ObjectNode o ? o : null;
    }

    /** The object elements of the array at {@code field}; empty when absent. */
    static List<ObjectNode> elements(JsonNode node, String field) {
        List<ObjectNode> out = new ArrayList<>();
        if (node != null && node.get(field) instanceof ArrayNode a) {
            a.forEach(e -> {
                if (e instanceof ObjectNode o) {
                    out.add(o);
                }
            });
        }
        return out;
    }
}
