package dev.j8s.api.table;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.j8s.api.Json;
import dev.j8s.api.ResourceType;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Server-side printing: turns objects into a {@code meta.k8s.io/v1 Table} with the columns
 * Kubernetes prints for their type, which is what {@code kubectl get} asks for and shows.
 */
public final class TableConverter {

    private final Clock clock;

    public TableConverter(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param includeObject "None", "Metadata" (rows carry a PartialObjectMetadata) or "Object"
     * @param noHeaders     leave out the column definitions (later events of a watch)
     */
    public ObjectNode toTable(ResourceType type, List<ObjectNode> objects, String includeObject, ObjectNode listMeta,
                              boolean noHeaders) {
        List<Column> columns = Printers.columns(type);
        Instant now = clock.instant();
        ObjectNode table = Json.object();
        table.put("kind", "Table");
        table.put("apiVersion", "meta.k8s.io/v1");
        table.set("metadata", listMeta == null ? Json.object() : listMeta);
        ArrayNode definitions = table.putArray("columnDefinitions");
        if (!noHeaders) {
            for (Column c : columns) {
                ObjectNode d = definitions.addObject();
                d.put("name", c.name());
                d.put("type", c.type());
                d.put("format", c.format());
                d.put("description", c.description());
                d.put("priority", c.priority());
            }
        }
        ArrayNode rows = table.putArray("rows");
        for (ObjectNode object : objects) {
            ObjectNode row = rows.addObject();
            ArrayNode cells = row.putArray("cells");
            for (Column c : columns) {
                Object value = c.cell().apply(object, now);
                if (value instanceof Number n) {
                    cells.add(n.longValue());
                } else {
                    cells.add(String.valueOf(value));
                }
            }
            switch (includeObject) {
                case "Object" -> row.set("object", object);
                case "None" -> { }
                default -> row.set("object", partial(object));
            }
        }
        return table;
    }

    private static ObjectNode partial(ObjectNode object) {
        ObjectNode p = Json.object();
        p.put("kind", "PartialObjectMetadata");
        p.put("apiVersion", "meta.k8s.io/v1");
        p.set("metadata", object.path("metadata").deepCopy());
        return p;
    }
}
