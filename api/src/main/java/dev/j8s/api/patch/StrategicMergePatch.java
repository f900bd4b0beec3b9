package dev.j8s.api.patch;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.j8s.api.ApiException;
import dev.j8s.api.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Strategic merge patch, the patch kubectl sends for apply, edit, label, annotate, scale and set:
 * maps merge, lists with patch strategy "merge" merge their items by merge key, other lists are
 * replaced, and the directives {@code $patch}, {@code $retainKeys}, {@code $setElementOrder/…}
 * and {@code $deleteFromPrimitiveList/…} steer it. The list strategies come from
 * {@link PatchMetadata}, found by walking the fabric8 model types alongside the object.
 */
public final class StrategicMergePatch {

    private static final String PATCH = "$patch";
    private static final String RETAIN_KEYS = "$retainKeys";
    private static final String SET_ORDER = "$setElementOrder/";
    private static final String DELETE_FROM = "$deleteFromPrimitiveList/";

    private StrategicMergePatch() {}

    public static JsonNode apply(JsonNode original, JsonNode patch, Class<?> modelType) {
        if (!(patch instanceof ObjectNode p)) {
            throw ApiException.badRequest("strategic merge patch must be a JSON object");
        }
        ObjectNode base = original instanceof ObjectNode o ? o : Json.object();
        ObjectNode result = mergeMap(base, p, modelType);
        return result == null ? Json.object() : result;
    }

    /** Merges a patch map into an original map (null = absent); returns null when the map is deleted. */
    private static ObjectNode mergeMap(ObjectNode original, ObjectNode patch, Class<?> type) {
        JsonNode directive = patch.get(PATCH);
        if (directive != null) {
            switch (directive.asText()) {
                case "replace" -> {
                    return stripDirectives(patch, type);
                }
                case "delete" -> {
                    return null;
                }
                case "merge" -> { }
                default -> throw ApiException.badRequest("unknown patch type: " + directive.asText()
                        + " in map: " + abbreviate(patch));
            }
        }
        ObjectNode result = original == null ? Json.object() : original.deepCopy();
        Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            String key = e.getKey();
            JsonNode value = e.getValue();
            if (key.equals(PATCH) || key.equals(RETAIN_KEYS) || key.startsWith(SET_ORDER)) {
                continue;
            }
            if (key.startsWith(DELETE_FROM)) {
                deleteFromPrimitiveList(result, key.substring(DELETE_FROM.length()), value);
                continue;
            }
            if (value.isNull()) {
                result.remove(key);
                continue;
            }
            JavaType fieldType = ModelTypes.field(type, key);
            if (value.isObject()) {
                JsonNode current = result.get(key);
                ObjectNode merged = ModelTypes.isMap(fieldType)
                        ? mergeMapOfValues(current instanceof ObjectNode c ? c : null, (ObjectNode) value,
                                ModelTypes.valueClass(fieldType))
                        : mergeMap(current instanceof ObjectNode c ? c : null, (ObjectNode) value,
                                ModelTypes.valueClass(fieldType));
                if (merged == null) {
                    result.remove(key);
                } else {
                    result.set(key, merged);
                }
            } else if (value.isArray()) {
                result.set(key, mergeField(type, key, result.get(key), (ArrayNode) value, fieldType));
            } else {
                result.set(key, value);
            }
        }
        applyElementOrders(result, patch, type);
        JsonNode retain = patch.get(RETAIN_KEYS);
        if (retain != null) {
            if (!retain.isArray()) {
                throw ApiException.badRequest("$retainKeys must be a list of field names");
            }
            Set<String> keep = new LinkedHashSet<>();
            retain.forEach(k -> keep.add(k.asText()));
            result.fieldNames().forEachRemaining(n -> { });
            List<String> names = new ArrayList<>();
            result.fieldNames().forEachRemaining(names::add);
            names.stream().filter(n -> !keep.contains(n)).forEach(result::remove);
        }
        return result;
    }

    /** Maps whose values are objects (e.g. a map of structs) merge value by value. */
    private static ObjectNode mergeMapOfValues(ObjectNode original, ObjectNode patch, Class<?> valueType) {
        if (patch.has(PATCH)) {
            return mergeMap(original, patch, null);
        }
        ObjectNode result = original == null ? Json.object() : original.deepCopy();
        patch.fields().forEachRemaining(e -> {
            JsonNode v = e.getValue();
            if (v.isNull()) {
                result.remove(e.getKey());
            } else if (v.isObject() && result.get(e.getKey()) instanceof ObjectNode current) {
                ObjectNode merged = mergeMap(current, (ObjectNode) v, valueType);
                if (merged == null) {
                    result.remove(e.getKey());
                } else {
                    result.set(e.getKey(), merged);
                }
            } else {
                result.set(e.getKey(), v);
            }
        });
        return result;
    }

    private static JsonNode mergeField(Class<?> owner, String key, JsonNode current, ArrayNode patch,
                                       JavaType fieldType) {
        ListPatchInfo info = PatchMetadata.lookup(owner, key).orElse(null);
        boolean merge = info != null && info.strategy() != null && info.strategy().contains("merge");
        Class<?> elementType = ModelTypes.valueClass(fieldType);
        if (!merge) {
            return stripDirectivesInList(patch, elementType);
        }
        ArrayNode original = current instanceof ArrayNode a ? a : Json.MAPPER.createArrayNode();
        if (info.mergeKey() == null) {
            return mergePrimitiveList(original, patch);
        }
        return mergeObjectList(original, patch, info.mergeKey(), elementType);
    }

    private static ArrayNode mergePrimitiveList(ArrayNode original, ArrayNode patch) {
        for (JsonNode item : patch) {
            if (item.isObject() && "replace".equals(item.path(PATCH).asText())) {
                ArrayNode replaced = Json.MAPPER.createArrayNode();
                patch.forEach(i -> {
                    if (!i.isObject()) {
                        replaced.add(i);
                    }
                });
                return replaced;
            }
        }
        ArrayNode result = original.deepCopy();
        for (JsonNode item : patch) {
            if (!contains(result, item)) {
                result.add(item);
            }
        }
        return result;
    }

    private static ArrayNode mergeObjectList(ArrayNode original, ArrayNode patch, String mergeKey, Class<?> type) {
        for (JsonNode item : patch) {
            if (item.isObject() && item.size() == 1 && "replace".equals(item.path(PATCH).asText())) {
                ArrayNode replaced = Json.MAPPER.createArrayNode();
                for (JsonNode i : patch) {
                    if (i != item) {
                        replaced.add(stripDirectives((ObjectNode) i, type));
                    }
                }
                return replaced;
            }
        }
        ArrayNode result = original.deepCopy();
        for (JsonNode item : patch) {
            if (!(item instanceof ObjectNode p)) {
                throw ApiException.badRequest("strategic merge patch: list items of a merge list must be objects: "
                        + abbreviate(item));
            }
            JsonNode keyValue = p.get(mergeKey);
            if (keyValue == null) {
                throw ApiException.badRequest("map: " + abbreviate(p) + " does not contain declared merge key: "
                        + mergeKey);
            }
            int index = indexOf(result, mergeKey, keyValue);
            if ("delete".equals(p.path(PATCH).asText())) {
                while (index >= 0) {
                    result.remove(index);
                    index = indexOf(result, mergeKey, keyValue);
                }
                continue;
            }
            if (index >= 0) {
                ObjectNode merged = mergeMap((ObjectNode) result.get(index), p, type);
                if (merged == null) {
                    result.remove(index);
                } else {
                    result.set(index, merged);
                }
            } else {
                ObjectNode added = mergeMap(null, p, type);
                if (added != null) {
                    result.add(added);
                }
            }
        }
        return result;
    }

    /** {@code $setElementOrder/<field>}: the patch's order first, other items after in their order. */
    private static void applyElementOrders(ObjectNode result, ObjectNode patch, Class<?> type) {
        patch.fields().forEachRemaining(e -> {
            if (!e.getKey().startsWith(SET_ORDER)) {
                return;
            }
            String field = e.getKey().substring(SET_ORDER.length());
            if (!e.getValue().isArray()) {
                throw ApiException.badRequest(e.getKey() + " must be a list");
            }
            if (!(result.get(field) instanceof ArrayNode list)) {
                return;
            }
            ListPatchInfo info = PatchMetadata.lookup(type, field).orElse(null);
            String mergeKey = info == null ? null : info.mergeKey();
            ArrayNode ordered = Json.MAPPER.createArrayNode();
            List<JsonNode> remaining = new ArrayList<>();
            list.forEach(remaining::add);
            for (JsonNode wanted : e.getValue()) {
                for (Iterator<JsonNode> it = remaining.iterator(); it.hasNext(); ) {
                    JsonNode item = it.next();
                    boolean same = mergeKey == null ? item.equals(wanted)
                            : item.path(mergeKey).equals(wanted.path(mergeKey));
                    if (same) {
                        ordered.add(item);
                        it.remove();
                        break;
                    }
                }
            }
            remaining.forEach(ordered::add);
            result.set(field, ordered);
        });
    }

    private static void deleteFromPrimitiveList(ObjectNode result, String field, JsonNode values) {
        if (!values.isArray()) {
            throw ApiException.badRequest(DELETE_FROM + field + " must be a list");
        }
        if (result.get(field) instanceof ArrayNode list) {
            ArrayNode kept = Json.MAPPER.createArrayNode();
            list.forEach(item -> {
                if (!contains((ArrayNode) values, item)) {
                    kept.add(item);
                }
            });
            result.set(field, kept);
        }
    }

    /** A value taken wholesale from a patch still loses its directives, recursively. */
    private static ObjectNode stripDirectives(ObjectNode node, Class<?> type) {
        ObjectNode out = mergeMap(null, withoutReplace(node), type);
        return out == null ? Json.object() : out;
    }

    private static ObjectNode withoutReplace(ObjectNode node) {
        ObjectNode copy = node.deepCopy();
        copy.remove(PATCH);
        return copy;
    }

    private static ArrayNode stripDirectivesInList(ArrayNode list, Class<?> elementType) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (JsonNode item : list) {
            if (item instanceof ObjectNode o) {
                if (o.size() == 1 && o.has(PATCH)) {
                    continue;
                }
                out.add(stripDirectives(o, elementType));
            } else {
                out.add(item);
            }
        }
        return out;
    }

    private static int indexOf(ArrayNode list, String mergeKey, JsonNode keyValue) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).path(mergeKey).equals(keyValue)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean contains(ArrayNode list, JsonNode item) {
        for (JsonNode i : list) {
            if (i.equals(item)) {
                return true;
            }
        }
        return false;
    }

    private static String abbreviate(JsonNode node) {
        String s = node.toString();
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
