package dev.j8s.api.apply;

import com.fasterxml.jackson.databind.JsonNode;
import dev.j8s.api.apply.FieldSchema.Shape;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The set of fields a value sets — what an applied configuration claims. Scalars and atomic values are
 * members; list items and map keys are members and also hold their own fields; a struct is a member only
 * when it is empty or null (structured-merge-diff's {@code ToFieldSet}).
 */
public final class ObjectFields {

    private ObjectFields() {}

    public static FieldSet of(JsonNode value, FieldSchema schema) {
        FieldSet set = FieldSet.empty();
        walk(value, schema, new ArrayList<>(), set, false);
        return set;
    }

    /**
     * Adds every field of {@code value}, placed at {@code prefix}, to {@code set}, counting maps as members
     * too: the fields a change added or removed as a whole (a new {@code labels} map is itself added).
     */
    static void addWhole(JsonNode value, FieldSchema schema, List<String> prefix, FieldSet set) {
        walk(value, schema, new ArrayList<>(prefix), set, true);
    }

    private static void walk(JsonNode value, FieldSchema schema, List<String> path, FieldSet set, boolean whole) {
        if (value.isObject()) {
            if (schema.objectShape() == Shape.ATOMIC || (whole && schema.objectShape() == Shape.MAP && !path.isEmpty())) {
                set.insert(path);
            }
            if (schema.objectShape() == Shape.ATOMIC) {
                return;
            }
            value.fields().forEachRemaining(e -> {
                path.add(PathElement.field(e.getKey()));
                JsonNode v = e.getValue();
                walk(v, schema.field(e.getKey()), path, set, whole);
                boolean emptyObject = v.isObject() && v.isEmpty();
                if (v.isNull() || emptyObject || !declaredStructField(schema, e.getKey())) {
                    set.insert(path);
                }
                path.remove(path.size() - 1);
            });
        } else if (value.isArray()) {
            Shape shape = schema.listShape();
            if (shape == Shape.LIST_ATOMIC) {
                set.insert(path);
                return;
            }
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < value.size(); i++) {
                JsonNode item = value.get(i);
                String element = itemElement(item, i, schema);
                if (!seen.add(element)) {
                    throw new InvalidFieldsException(PathElement.describe(path) + ": duplicate entries for key "
                            + PathElement.describe(List.of(element)));
                }
                path.add(element);
                walk(item, schema.element(), path, set, whole);
                set.insert(path);
                path.remove(path.size() - 1);
            }
        } else {
            set.insert(path);
        }
    }

    private static boolean declaredStructField(FieldSchema schema, String name) {
        return schema.objectShape() == Shape.STRUCT && schema.declares(name);
    }

    /** The path element of item {@code index} of a list of the given schema. */
    static String itemElement(JsonNode item, int index, FieldSchema listSchema) {
        return switch (listSchema.listShape()) {
            case LIST_MAP -> {
                if (!item.isObject()) {
                    throw new InvalidFieldsException("expected an object in an associative list, got " + item);
                }
                yield PathElement.key(item, listSchema.keys());
            }
            case LIST_SET -> PathElement.value(item);
            default -> PathElement.index(index);
        };
    }
}
