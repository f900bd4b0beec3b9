package dev.j8s.api.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.j8s.api.apply.FieldSchema.Shape;
import java.util.HashMap;
import java.util.Map;

/**
 * Merges an applied configuration into the live object: the configuration's values win; objects merge
 * field by field, keyed lists item by item (new items appended), sets by union; atomic values and
 * atomic lists are replaced whole.
 */
public final class ApplyMerge {

    private ApplyMerge() {}

    public static JsonNode merge(JsonNode live, JsonNode config, FieldSchema schema) {
        if (live == null || live.isMissingNode() || live.isNull()) {
            return config.deepCopy();
        }
        if (live.isObject() && config.isObject() && schema.objectShape() != Shape.ATOMIC) {
            ObjectNode result = ((ObjectNode) live).deepCopy();
            config.fields().forEachRemaining(e -> {
                if (e.getValue().isNull()) {
                    result.remove(e.getKey());
                } else {
                    result.set(e.getKey(), merge(live.get(e.getKey()), e.getValue(), schema.field(e.getKey())));
                }
            });
            return result;
        }
        if (live.isArray() && config.isArray()) {
            return switch (schema.listShape()) {
                case LIST_MAP, LIST_SET -> mergeItems((ArrayNode) live, (ArrayNode) config, schema);
                default -> config.deepCopy();
            };
        }
        return config.deepCopy();
    }

    private static ArrayNode mergeItems(ArrayNode live, ArrayNode config, FieldSchema schema) {
        ArrayNode result = live.deepCopy();
        Map<String, Integer> positions = new HashMap<>();
        for (int i = 0; i < live.size(); i++) {
            try {
                positions.putIfAbsent(ObjectFields.itemElement(live.get(i), i, schema), i);
            } catch (InvalidFieldsException e) {
                // A live item without its keys cannot be addressed by the configuration; it stays as it is.
            }
        }
        for (int i = 0; i < config.size(); i++) {
            JsonNode item = config.get(i);
            Integer at = positions.get(ObjectFields.itemElement(item, i, schema));
            if (at == null) {
                result.add(item.deepCopy());
            } else {
                result.set(at, merge(live.get(at), item, schema.element()));
            }
        }
        return result;
    }
}
