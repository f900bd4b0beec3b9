package dev.j8s.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.function.BiFunction;

/**
 * One Table column: its definition as Kubernetes prints it, and how a cell is computed from an
 * object. {@code priority} 1 marks columns shown only with {@code -o wide}.
 */
record Column(String name, String type, String format, String description, int priority,
              BiFunction<JsonNode, Instant, Object> cell) {

    static Column of(String name, String type, String description, BiFunction<JsonNode, Instant, Object> cell) {
        return new Column(name, type, "", description, 0, cell);
    }

    static Column wide(String name, String type, String description, BiFunction<JsonNode, Instant, Object> cell) {
        return new Column(name, type, "", description, 1, cell);
    }

    static Column nameColumn() {
        return new Column("Name", "string", "name",
                "Name must be unique within a namespace. Is required when creating resources, although some resources "
                        + "may allow a client to request the generation of an appropriate name automatically. Name is "
                        + "primarily intended for creation idempotence and configuration definition. Cannot be updated. "
                        + "More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names",
                0, (o, now) -> o.path("metadata").path("name").asText(""));
    }

    static Column ageColumn() {
        return new Column("Age", "string", "", "CreationTimestamp is a timestamp representing the server time when "
                + "this object was created.", 0, (o, now) -> Ages.since(o.path("metadata").path("creationTimestamp"), now));
    }
}
