package dev.j8s.api.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.j8s.api.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The {@code metadata.managedFields} of an object: one entry of owned fields per manager identity. */
final class ManagedFields {

    /**
     * Who owns fields: appliers are one identity whatever apiVersion they apply with; updaters are one
     * identity per apiVersion and subresource, as in Kubernetes.
     */
    record Manager(String name, String operation, String apiVersion, String subresource) {

        static Manager applier(String name, String subresource) {
            return new Manager(name, "Apply", null, subresource);
        }

        static Manager updater(String name, String apiVersion, String subresource) {
            return new Manager(name, "Update", apiVersion, subresource);
        }

        /** {@code "kubectl"}, {@code "helm" using apps/v1}, {@code "x" with subresource "status" using v1}. */
        String describe() {
            String s = '"' + name + '"';
            if (subresource != null) {
                s += " with subresource \"" + subresource + '"';
            }
            return operation.equals("Update") ? s + " using " + apiVersion : s;
        }
    }

    record Entry(String apiVersion, String time, FieldSet fields) {}

    private final Map<Manager, Entry> entries;

    private ManagedFields(Map<Manager, Entry> entries) {
        this.entries = entries;
    }

    static ManagedFields empty() {
        return new ManagedFields(new LinkedHashMap<>());
    }

    Map<Manager, Entry> entries() {
        return entries;
    }

    /** Reads {@code metadata.managedFields}; an entry that is not FieldsV1 fails with InvalidFieldsException. */
    static ManagedFields decode(JsonNode managedFields) {
        Map<Manager, Entry> entries = new LinkedHashMap<>();
        if (managedFields == null || !managedFields.isArray()) {
            return new ManagedFields(entries);
        }
        for (JsonNode e : managedFields) {
            String operation = e.path("operation").asText("");
            if (!operation.equals("Apply") && !operation.equals("Update")) {
                throw new InvalidFieldsException("operation must be Apply or Update, got \"" + operation + "\"");
            }
            if (!e.path("fieldsType").asText("FieldsV1").equals("FieldsV1")) {
                throw new InvalidFieldsException("fieldsType must be FieldsV1");
            }
            String apiVersion = text(e, "apiVersion");
            String subresource = text(e, "subresource");
            Manager m = operation.equals("Apply") ? Manager.applier(e.path("manager").asText(""), subresource)
                    : Manager.updater(e.path("manager").asText(""), apiVersion, subresource);
            FieldSet fields = FieldSet.fromFieldsV1(e.get("fieldsV1"));
            Entry previous = entries.get(m);
            entries.put(m, new Entry(apiVersion, text(e, "time"),
                    previous == null ? fields : previous.fields().union(fields)));
        }
        return new ManagedFields(entries);
    }

    private static String text(JsonNode e, String field) {
        JsonNode v = e.get(field);
        return v == null || v.isNull() || v.asText().isEmpty() ? null : v.asText();
    }

    /** The managedFields array, ordered as Kubernetes orders it: Apply before Update, then by time, then name. */
    ArrayNode encode() {
        List<Map.Entry<Manager, Entry>> sorted = new ArrayList<>(entries.entrySet());
        sorted.removeIf(e -> e.getValue().fields().isEmpty());
        sorted.sort(Comparator.<Map.Entry<Manager, Entry>, String>comparing(e -> e.getKey().operation())
                .thenComparing(e -> Objects.requireNonNullElse(e.getValue().time(), ""))
                .thenComparing(e -> e.getKey().name()));
        ArrayNode array = Json.MAPPER.createArrayNode();
        for (var e : sorted) {
            ObjectNode json = array.addObject();
            json.put("manager", e.getKey().name());
            json.put("operation", e.getKey().operation());
            json.put("apiVersion", e.getValue().apiVersion());
            if (e.getValue().time() != null) {
                json.put("time", e.getValue().time());
            }
            json.put("fieldsType", "FieldsV1");
            json.set("fieldsV1", e.getValue().fields().toFieldsV1());
            if (e.getKey().subresource() != null) {
                json.put("subresource", e.getKey().subresource());
            }
        }
        return array;
    }
}
