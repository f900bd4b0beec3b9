package dev.j8s.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.j8s.api.Json;
import java.util.Iterator;
import java.util.Map;

/**
 * The strategic merge patch directives and how a patch value is taken over where the original has
 * nothing to merge with.
 */
final class Directives {

    static final String PATCH = "$patch";
    static final String DELETE = "delete";
    static final String REPLACE = "replace";
    static final String MERGE = "merge";
    static final String RETAIN_KEYS = "$retainKeys";
    static final String SET_ELEMENT_ORDER = "$setElementOrder";
    static final String DELETE_FROM_PRIMITIVE_LIST = "$deleteFromPrimitiveList";

    private Directives() {}

    /** Whether a patch key is a directive that only has meaning next to an original value. */
    static boolean isFieldDirective(String key) {
        return key.equals(RETAIN_KEYS) || key.startsWith(SET_ELEMENT_ORDER) || key.startsWith(DELETE_FROM_PRIMITIVE_LIST);
    }

    /** The list field named by {@code $setElementOrder/<field>} or {@code $deleteFromPrimitiveList/<field>}. */
    static String listField(String key, String prefix, String malformedMessage) {
        if (!key.startsWith(prefix + "/")) {
            throw PatchErrors.badRequest(malformedMessage);
        }
        return key.substring(prefix.length() + 1);
    }

    /**
     * A patch value adopted as is (the original has no such field, a different kind of value, or the
     * field replaces): null fields are dropped, objects carrying {@code $patch} vanish, and
     * directive keys go. Kubernetes keeps the directive keys in its map but they disappear when
     * the result is decoded into the typed object; on trees they must be removed here.
     *
     * @return the copy, or null when the value itself is a directive object and must not be kept
     */
    static JsonNode adopt(JsonNode value) {
        if (value.isObject()) {
            if (value.has(PATCH)) {
                return null;
            }
            ObjectNode copy = Json.object();
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (field.getValue().isNull() || isFieldDirective(field.getKey())) {
                    continue;
                }
                JsonNode adopted = adopt(field.getValue());
                if (adopted != null) {
                    copy.set(field.getKey(), adopted);
                }
            }
            return copy;
        }
        if (value.isArray()) {
            ArrayNode copy = Json.MAPPER.createArrayNode();
            for (JsonNode item : value) {
                JsonNode adopted = adopt(item);
                if (adopted != null) {
                    copy.add(adopted);
                }
            }
            return copy;
        }
        return value.deepCopy();
    }
}
