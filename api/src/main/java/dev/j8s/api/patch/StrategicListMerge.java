package dev.j8s.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.j8s.api.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lists with {@code patchStrategy:"merge"}: items of lists of objects are matched by the merge key
 * and merged, primitive lists are merged as sets; then the order is settled as
 * {@code strategicpatch} does: items named by the patch in patch order, the items only the server
 * has kept where they stood relative to them.
 */
final class StrategicListMerge {

    private StrategicListMerge() {}

    /** Merges {@code patch} into {@code original} (a merging list field); the result is a new list. */
    static ArrayNode merge(ArrayNode original, ArrayNode patch, ModelSchema items, String mergeKey) {
        if (original.isEmpty() && patch.isEmpty()) {
            return original.deepCopy();
        }
        if (elementKind(original, patch) != JsonNodeType.OBJECT) {
            return mergePrimitives(original, patch);
        }
        if (mergeKey == null) {
            throw PatchErrors.badRequest("cannot merge lists without merge key for " + items.describe());
        }
        return mergeObjects(original, patch, items, mergeKey);
    }

    /** {@code $deleteFromPrimitiveList/<field>}: drops every item equal to one of {@code toDelete}. */
    static ArrayNode deleteValues(ArrayNode original, ArrayNode toDelete) {
        Set<Object> doomed = new HashSet<>();
        toDelete.forEach(v -> doomed.add(ValueKey.of(v)));
        ArrayNode kept = Json.MAPPER.createArrayNode();
        for (JsonNode item : original) {
            if (!doomed.contains(ValueKey.of(item))) {
                kept.add(item.deepCopy());
            }
        }
        return kept;
    }

    /**
     * {@code $setElementOrder/<field>}: the items named in {@code order} come in that order, the
     * server-only items stay where they were relative to them in {@code serverOrder}.
     */
    static ArrayNode reorder(ArrayNode merged, ArrayNode order, ArrayNode serverOrder, String mergeKey) {
        String key = objectsWithKey(merged, order, mergeKey) ? mergeKey : null;
        if (key != null) {
            for (JsonNode entry : order) {
                if (!entry.isObject() || !entry.has(key)) {
                    throw PatchErrors.noMergeKey(entry, key);
                }
            }
        }
        return toArray(settleOrder(list(merged), list(order), list(serverOrder), key));
    }

    /**
     * The live list {@code $setElementOrder} places server-only items against: Kubernetes compares
     * with the live list as its merge left it in place — items deleted by the patch gone, the
     * survivors moved up and the new items filling the freed slots — so a server-only item sorts
     * before a new item that took the slot of a deleted one.
     */
    static ArrayNode orderReference(ArrayNode current, ArrayNode patchList, String mergeKey) {
        if (mergeKey == null || !objectsWithKey(current, patchList, mergeKey)) {
            return current;
        }
        List<JsonNode> window = new ArrayList<>(list(current));
        for (JsonNode item : patchList) {
            if (item.isObject() && Directives.DELETE.equals(item.path(Directives.PATCH).asText(null))) {
                window.removeIf(m -> ValueKey.same(m.get(mergeKey), item.get(mergeKey)));
            }
        }
        for (JsonNode item : patchList) {
            if (item.isObject() && !item.has(Directives.PATCH) && indexByKey(window, mergeKey, item.get(mergeKey)) < 0) {
                window.add(item);
            }
        }
        return toArray(window.subList(0, Math.min(window.size(), current.size())));
    }

    /**
     * Rejects a patch list whose items do not follow the relative order of its
     * {@code $setElementOrder} list (items carrying a directive are not counted).
     */
    static void validateOrder(ArrayNode patchList, ArrayNode order, String mergeKey) {
        if (patchList.isEmpty() || order.isEmpty()) {
            return;
        }
        List<JsonNode> named = new ArrayList<>();
        for (JsonNode item : patchList) {
            if (!(item.isObject() && item.has(Directives.PATCH))) {
                named.add(item);
            }
        }
        int p = 0;
        for (int o = 0; p < named.size() && o < order.size(); o++) {
            if (sameItem(named.get(p), order.get(o), mergeKey)) {
                p++;
            }
        }
        if (p < named.size()) {
            throw PatchErrors.badRequest("The order in patch list:\n" + patchList + "\n doesn't match "
                    + Directives.SET_ELEMENT_ORDER + " list:\n" + order + "\n");
        }
    }

    private static boolean sameItem(JsonNode item, JsonNode entry, String mergeKey) {
        if (mergeKey == null) {
            return ValueKey.same(item, entry);
        }
        if (!item.isObject() || !item.has(mergeKey)) {
            throw PatchErrors.noMergeKey(item, mergeKey);
        }
        if (!entry.isObject() || !entry.has(mergeKey)) {
            throw PatchErrors.noMergeKey(entry, mergeKey);
        }
        return ValueKey.same(item.get(mergeKey), entry.get(mergeKey));
    }

    private static ArrayNode mergePrimitives(ArrayNode original, ArrayNode patch) {
        List<JsonNode> merged = new ArrayList<>();
        Set<Object> seen = new HashSet<>();
        for (ArrayNode source : List.of(original, patch)) {
            for (JsonNode item : source) {
                if (seen.add(ValueKey.of(item))) {
                    merged.add(item.deepCopy());
                }
            }
        }
        return toArray(settleOrder(merged, list(patch), list(original), null));
    }

    private static ArrayNode mergeObjects(ArrayNode original, ArrayNode patch, ModelSchema items, String mergeKey) {
        List<JsonNode> merged = new ArrayList<>();
        original.forEach(item -> merged.add(item.deepCopy()));
        List<JsonNode> plain = new ArrayList<>();
        boolean replace = false;
        for (JsonNode item : patch) {
            JsonNode directive = item.get(Directives.PATCH);
            if (directive == null) {
                plain.add(item);
                continue;
            }
            switch (directive.asText()) {
                case Directives.DELETE -> {
                    if (!item.has(mergeKey)) {
                        throw PatchErrors.noMergeKey(item, mergeKey);
                    }
                    merged.removeIf(m -> ValueKey.same(m.get(mergeKey), item.get(mergeKey)));
                }
                // The rest of the list is the whole new list; other directive items are pruned.
                case Directives.REPLACE -> replace = true;
                case Directives.MERGE -> throw PatchErrors.badRequest("merging lists cannot yet be specified in the patch");
                default -> throw PatchErrors.unknownDirective(directive, item);
            }
        }
        if (replace) {
            List<JsonNode> replacement = new ArrayList<>();
            for (JsonNode item : plain) {
                if (!item.has(mergeKey)) {
                    throw PatchErrors.noMergeKey(item, mergeKey);
                }
                replacement.add(Directives.adopt(item));
            }
            return toArray(replacement);
        }
        List<JsonNode> serverOrder = List.copyOf(merged);
        for (JsonNode item : plain) {
            if (!item.has(mergeKey)) {
                throw PatchErrors.noMergeKey(item, mergeKey);
            }
            int at = indexByKey(merged, mergeKey, item.get(mergeKey));
            if (at >= 0) {
                merged.set(at, StrategicMergePatch.mergeObject((ObjectNode) merged.get(at), (ObjectNode) item, items));
            } else {
                merged.add(Directives.adopt(item));
            }
        }
        return toArray(settleOrder(merged, plain, serverOrder, mergeKey));
    }

    private static int indexByKey(List<JsonNode> items, String mergeKey, JsonNode value) {
        for (int i = 0; i < items.size(); i++) {
            if (ValueKey.same(items.get(i).get(mergeKey), value)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Patch items first in patch order; a server-only item goes before the next patch item when the
     * server had it before that item.
     */
    private static List<JsonNode> settleOrder(List<JsonNode> merged, List<JsonNode> patchOrder,
                                              List<JsonNode> serverOrder, String mergeKey) {
        Map<Object, Integer> patchIndex = positions(patchOrder, mergeKey);
        Map<Object, Integer> serverIndex = positions(serverOrder, mergeKey);
        List<JsonNode> fromPatch = new ArrayList<>();
        List<JsonNode> serverOnly = new ArrayList<>();
        for (JsonNode item : merged) {
            Object id = identity(item, mergeKey);
            (id != null && patchIndex.containsKey(id) ? fromPatch : serverOnly).add(item);
        }
        fromPatch.sort(Comparator.comparingInt(item -> position(patchIndex, item, mergeKey)));
        serverOnly.sort(Comparator.comparingInt(item -> position(serverIndex, item, mergeKey)));

        List<JsonNode> result = new ArrayList<>(merged.size());
        int s = 0;
        int p = 0;
        while (s < serverOnly.size() || p < fromPatch.size()) {
            if (p >= fromPatch.size()) {
                result.add(serverOnly.get(s++));
            } else if (s >= serverOnly.size()) {
                result.add(fromPatch.get(p++));
            } else {
                int serverPos = position(serverIndex, serverOnly.get(s), mergeKey);
                int patchPos = position(serverIndex, fromPatch.get(p), mergeKey);
                boolean bothKnown = serverPos != Integer.MAX_VALUE && patchPos != Integer.MAX_VALUE;
                result.add(bothKnown && serverPos < patchPos ? serverOnly.get(s++) : fromPatch.get(p++));
            }
        }
        return result;
    }

    private static Map<Object, Integer> positions(List<JsonNode> items, String mergeKey) {
        Map<Object, Integer> positions = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            Object id = identity(items.get(i), mergeKey);
            if (id != null) {
                positions.putIfAbsent(id, i);
            }
        }
        return positions;
    }

    private static int position(Map<Object, Integer> positions, JsonNode item, String mergeKey) {
        Object id = identity(item, mergeKey);
        Integer at = id == null ? null : positions.get(id);
        return at == null ? Integer.MAX_VALUE : at;
    }

    private static Object identity(JsonNode item, String mergeKey) {
        if (mergeKey == null) {
            return ValueKey.of(item);
        }
        return item.isObject() ? ValueKey.of(item.get(mergeKey)) : null;
    }

    /** The common kind of the items of both lists; lists of lists and mixed lists cannot merge. */
    private static JsonNodeType elementKind(ArrayNode original, ArrayNode patch) {
        JsonNodeType kind = null;
        for (ArrayNode list : List.of(original, patch)) {
            for (JsonNode item : list) {
                JsonNodeType itemKind = item.getNodeType();
                if (itemKind == JsonNodeType.ARRAY) {
                    throw PatchErrors.rejected(null); // mergepatch.ErrNoListOfLists → 422
                }
                if (kind != null && kind != itemKind) {
                    throw PatchErrors.badRequest("list element types are not identical: " + original + " " + patch);
                }
                kind = itemKind;
            }
        }
        return kind;
    }

    private static boolean objectsWithKey(ArrayNode a, ArrayNode b, String mergeKey) {
        if (mergeKey == null) {
            return false;
        }
        for (ArrayNode list : List.of(a, b)) {
            if (!list.isEmpty()) {
                return list.get(0).isObject();
            }
        }
        return false;
    }

    private static List<JsonNode> list(ArrayNode array) {
        List<JsonNode> items = new ArrayList<>(array.size());
        array.forEach(items::add);
        return items;
    }

    private static ArrayNode toArray(List<JsonNode> items) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        items.forEach(array::add);
        return array;
    }
}
