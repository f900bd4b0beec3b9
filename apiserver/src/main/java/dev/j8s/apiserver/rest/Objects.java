package dev.j8s.apiserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** Accessors for the common fields of API object trees. */
public final class Objects {

    private Objects() {}

    public static ObjectNode metadata(ObjectNode object) {
        JsonNode meta = object.get("metadata");
        if (meta instanceof ObjectNode m) {
            return m;
        }
        return object.putObject("metadata");
    }

    public static String name(JsonNode object) {
        return text(object.path("metadata").get("name"));
    }

    public static String namespace(JsonNode object) {
        return text(object.path("metadata").get("namespace"));
    }

    public static String uid(JsonNode object) {
        return text(object.path("metadata").get("uid"));
    }

    public static long resourceVersion(JsonNode object) {
        String rv = text(object.path("metadata").get("resourceVersion"));
        if (rv == null || rv.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(rv);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    public static Map<String, String> labels(JsonNode object) {
        Map<String, String> out = new LinkedHashMap<>();
        JsonNode labels = object.path("metadata").path("labels");
        labels.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    public static boolean hasFinalizers(JsonNode object) {
        JsonNode f = object.path("metadata").path("finalizers");
        return f.isArray() && !f.isEmpty();
    }

    public static boolean isDeleting(JsonNode object) {
        JsonNode ts = object.path("metadata").get("deletionTimestamp");
        return ts != null && !ts.isNull();
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }
}
