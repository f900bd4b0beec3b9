package dev.j8s.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.j8s.api.ApiException;
import dev.j8s.api.Json;
import dev.j8s.api.ResourceType;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Server-side printing: converts objects into a meta.k8s.io/v1 {@code Table}, the answer to
 * {@code Accept: application/json;as=Table;v=v1;g=meta.k8s.io} that {@code kubectl get} reads.
 *
 * <p>Like kube-apiserver, every column is printed (the wide form); kubectl hides priority-1 columns unless
 * asked for {@code -o wide}, and adds {@code --show-labels} columns from each row's object metadata.
 */
public final class TableConverter {

    private static final String TABLE_API_VERSION = "meta.k8s.io/v1";
    private static final List<String> LIST_META_FIELDS = List.of("selfLink", "resourceVersion", "continue",
            "remainingItemCount");

    private final Clock clock;
    private final PrinterRegistry printers = PrinterRegistry.builtins();

    /** @param clock ages are measured against {@code clock.instant()} */
    public TableConverter(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param type          the resource the objects belong to
     * @param objects       the objects (already filtered), as JSON trees with apiVersion/kind/metadata set
     * @param includeObject "None" (rows carry {@code "object": null}), "Metadata" (the default, also for null
     *                      or ""; rows carry a meta.k8s.io/v1 PartialObjectMetadata) or "Object" (the whole object)
     * @param listMeta      the list's metadata; resourceVersion, continue, remainingItemCount and selfLink are
     *                      copied into the Table's metadata (for a single object pass its resourceVersion)
     * @param noHeaders     omit the column definitions ({@code "columnDefinitions": null}); kube-apiserver sets
     *                      it for every watch event after the first, so headers are sent once per watch
     * @throws ApiException 400 BadRequest for an unrecognized includeObject value
     */
    public ObjectNode toTable(ResourceType type, List<ObjectNode> objects, String includeObject, ObjectNode listMeta,
                              boolean noHeaders) {
        RowObject rowObject = RowObject.parse(includeObject);
        Printer printer = printers.forType(type);
        Instant now = clock.instant();

        ObjectNode table = Json.object();
        table.put("kind", "Table");
        table.put("apiVersion", TABLE_API_VERSION);
        table.set("metadata", tableMetadata(listMeta));
        if (noHeaders) {
            table.putNull("columnDefinitions");
        } else {
            ArrayNode columns = table.putArray("columnDefinitions");
            printer.columns().forEach(c -> columns.add(c.toJson()));
        }
        ArrayNode rows = table.putArray("rows");
        for (ObjectNode object : objects) {
            rows.add(row(printer, object, rowObject, now));
        }
        return table;
    }

    private static ObjectNode tableMetadata(ObjectNode listMeta) {
        ObjectNode metadata = Json.object();
        if (listMeta != null) {
            for (String field : LIST_META_FIELDS) {
                JsonNode value = listMeta.get(field);
                if (value != null && !value.isNull() && !(value.isTextual() && value.asText().isEmpty())) {
                    metadata.set(field, value.deepCopy());
                }
            }
        }
        return metadata;
    }

    private static ObjectNode row(Printer printer, ObjectNode object, RowObject rowObject, Instant now) {
        ObjectNode row = Json.object();
        ArrayNode cells = row.putArray("cells");
        for (Object cell : printer.cells(object, now)) {
            addCell(cells, cell);
        }
        List<RowCondition> conditions = printer.conditions(object);
        if (!conditions.isEmpty()) {
            ArrayNode array = row.putArray("conditions");
            conditions.forEach(c -> array.add(c.toJson()));
        }
        row.set("object", rowObject.of(object));
        return row;
    }

    private static void addCell(ArrayNode cells, Object cell) {
        switch (cell) {
            case null -> cells.addNull();
            case String s -> cells.add(s);
            case Long l -> cells.add(l);
            case Integer i -> cells.add(i.longValue());
            case Boolean b -> cells.add(b);
            default -> throw new IllegalStateException("unsupported table cell type " + cell.getClass().getName());
        }
    }

    /** What each row carries in "object" ({@code TableOptions.includeObject}). */
    private enum RowObject {
        NONE, METADATA, OBJECT;

        static RowObject parse(String includeObject) {
            if (includeObject == null || includeObject.isEmpty() || includeObject.equals("Metadata")) {
                return METADATA;
            }
            return switch (includeObject) {
                case "None" -> NONE;
                case "Object" -> OBJECT;
                default -> throw ApiException.badRequest("unrecognized includeObject value: \"" + includeObject + "\"");
            };
        }

        JsonNode of(ObjectNode object) {
            return switch (this) {
                case NONE -> Json.MAPPER.nullNode();
                case OBJECT -> object.deepCopy();
                case METADATA -> {
                    ObjectNode partial = Json.object();
                    partial.put("kind", "PartialObjectMetadata");
                    partial.put("apiVersion", TABLE_API_VERSION);
                    JsonNode metadata = object.get("metadata");
                    partial.set("metadata", metadata == null ? Json.object() : metadata.deepCopy());
                    yield partial;
                }
            };
        }
    }
}
