package dev.j8s.api.apply;

import com.fasterxml.jackson.databind.JsonNode;
import dev.j8s.api.apply.FieldSchema.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fields added, modified and removed between two versions of an object: what an update changes, and
 * so which fields its manager takes over (structured-merge-diff's {@code Compare}).
 */
public record ObjectComparison(FieldSet added, FieldSet modified, FieldSet removed) {

    public static ObjectComparison of(JsonNode before, JsonNode after, FieldSchema schema) {
        ObjectComparison c = new ObjectComparison(FieldSet.empty(), FieldSet.empty(), FieldSet.empty());
        c.compare(before, after, schema, new ArrayList<>());
        return c;
    }

    /** Added or modified: the fields whose new values someone set. */
    public FieldSet changed() {
        return added.union(modified);
    }

    private void compare(JsonNode lhs, JsonNode rhs, FieldSchema schema, List<String> path) {
        boolean hasL = lhs != null && !lhs.isMissingNode();
        boolean hasR = rhs != null && !rhs.isMissingNode();
        if (!hasL && !hasR) {
            return;
        }
        if (!hasL) {
            ObjectFields.addWhole(rhs, schema, path, added);
            return;
        }
        if (!hasR) {
            ObjectFields.addWhole(lhs, schema, path, removed);
            removed.insert(path);
            return;
        }
        if (lhs.isObject() && rhs.isObject() && schema.objectShape() != Shape.ATOMIC) {
            Set<String> names = new LinkedHashSet<>();
            lhs.fieldNames().forEachRemaining(names::add);
            rhs.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                path.add(PathElement.field(name));
                compare(lhs.get(name), rhs.get(name), schema.field(name), path);
                path.remove(path.size() - 1);
            }
            return;
        }
        boolean granularList = lhs.isArray() && rhs.isArray() && schema.listShape() != Shape.LIST_ATOMIC
                && !(lhs.isEmpty() && rhs.isEmpty());
        if (granularList) {
            Map<String, JsonNode> before = items(lhs, schema);
            Map<String, JsonNode> after = items(rhs, schema);
            Set<String> elements = new LinkedHashSet<>(before.keySet());
            elements.addAll(after.keySet());
            for (String element : elements) {
                path.add(element);
                JsonNode l = before.get(element);
                JsonNode r = after.get(element);
                compare(l, r, schema.element(), path);
                if (l == null) {
                    added.insert(path);
                }
                path.remove(path.size() - 1);
            }
            return;
        }
        if (!Values.same(lhs, rhs)) {
            modified.insert(path);
        }
    }

    private static Map<String, JsonNode> items(JsonNode list, FieldSchema schema) {
        Map<String, JsonNode> items = new LinkedHashMap<>();
        for (int i = 0; i < list.size(); i++) {
            String element;
            try {
                element = ObjectFields.itemElement(list.get(i), i, schema);
            } catch (InvalidFieldsException e) {
                element = PathElement.index(i);
            }
            items.putIfAbsent(element, list.get(i));
        }
        return items;
    }
}
