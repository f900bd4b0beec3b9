package dev.j8s.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.j8s.api.StatusCause;
import java.util.Base64;
import java.util.List;

/** ConfigMap and Secret validation: key syntax, size, base64 and immutability. */
final class DataRules {

    private static final int MAX_TOTAL = 1024 * 1024;

    private DataRules() {}

    static void configMap(JsonNode cm, JsonNode old, List<StatusCause> out) {
        long size = keys(cm.path("data"), "data", false, out) + keys(cm.path("binaryData"), "binaryData", true, out);
        if (size > MAX_TOTAL) {
            out.add(StatusCause.tooLong("", MAX_TOTAL));
        }
        immutable(cm, old, out);
    }

    static void secret(JsonNode secret, JsonNode old, List<StatusCause> out) {
        long size = keys(secret.path("data"), "data", true, out);
        if (size > MAX_TOTAL) {
            out.add(StatusCause.tooLong("data", MAX_TOTAL));
        }
        keys(secret.path("stringData"), "stringData", false, out);
        immutable(secret, old, out);
        if (old != null && !old.path("type").asText("Opaque").equals(secret.path("type").asText("Opaque"))) {
            out.add(StatusCause.invalid("type", secret.path("type").asText(), "field is immutable"));
        }
    }

    private static long keys(JsonNode data, String field, boolean base64, List<StatusCause> out) {
        long size = 0;
        for (var e : MetadataRules.iterable(data)) {
            Names.configKey(field + "[" + e.getKey() + "]", e.getKey(), out);
            if (base64) {
                try {
                    size += Base64.getDecoder().decode(e.getValue().asText()).length;
                } catch (IllegalArgumentException ex) {
                    out.add(StatusCause.invalid(field + "[" + e.getKey() + "]", "<binary>", "illegal base64 data"));
                }
            } else {
                size += e.getValue().asText().length();
            }
        }
        return size;
    }

    private static void immutable(JsonNode object, JsonNode old, List<StatusCause> out) {
        if (old == null || !old.path("immutable").asBoolean(false)) {
            return;
        }
        if (!object.path("immutable").asBoolean(false)) {
            out.add(StatusCause.forbidden("immutable", "field is immutable when `immutable` is set"));
        }
        if (!old.path("data").equals(object.path("data")) || !old.path("binaryData").equals(object.path("binaryData"))) {
            out.add(StatusCause.forbidden("data", "field is immutable when `immutable` is set"));
        }
    }
}
