package dev.j8s.api.table;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.j8s.api.Json;

/**
 * One column of a meta.k8s.io/v1 Table ({@code TableColumnDefinition}).
 *
 * @param type     an OpenAPI type: "string", "integer", "number", "boolean" or "date"
 * @param format   "name" for the column that holds the object's name, else ""
 * @param priority 0 for default columns; 1 for the extra columns kubectl shows only with {@code -o wide}
 */
public record Column(String name, String type, String format, String description, int priority) {

    public static Column string(String name, String description) {
        return new Column(name, "string", "", description, 0);
    }

    public static Column integer(String name, String description) {
        return new Column(name, "integer", "", description, 0);
    }

    public static Column bool(String name, String description) {
        return new Column(name, "boolean", "", description, 0);
    }

    public static Column date(String name, String description) {
        return new Column(name, "date", "", description, 0);
    }

    /** This column, shown only by {@code kubectl get -o wide}. */
    public Column wide() {
        return new Column(name, type, format, description, 1);
    }

    /** This column, marked as holding the object's name. */
    public Column nameFormat() {
        return new Column(name, type, "name", description, priority);
    }

    /** The JSON form; every field is written, as Kubernetes' TableColumnDefinition has no omitempty. */
    ObjectNode toJson() {
        ObjectNode node = Json.object();
        node.put("name", name);
        node.put("type", type);
        node.put("format", format);
        node.put("description", description);
        node.put("priority", priority);
        return node;
    }
}
