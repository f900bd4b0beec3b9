package dev.j8s.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The table of a custom resource: NAME, then its CRD version's {@code additionalPrinterColumns}. */
final class CustomResourcePrinter implements Printer {

    private final List<Column> columns = new ArrayList<>();
    private final List<JsonNode> definitions = new ArrayList<>();

    CustomResourcePrinter(JsonNode printerColumns) {
        columns.add(CommonCells.NAME_COLUMN);
        for (JsonNode c : printerColumns) {
            columns.add(new Column(c.path("name").asText(), c.path("type").asText("string"),
                    c.path("format").asText(""), c.path("description").asText(""), c.path("priority").asInt(0)));
            definitions.add(c);
        }
    }

    @Override
    public List<Column> columns() {
        return columns;
    }

    @Override
    public List<Object> cells(ObjectNode object, Instant now) {
        List<Object> cells = new ArrayList<>();
        cells.add(object.path("metadata").path("name").asText(""));
        for (JsonNode c : definitions) {
            JsonNode value = SimpleJsonPath.select(object, c.path("jsonPath").asText(""));
            String type = c.path("type").asText("string");
            if (value == null || value.isNull()) {
                cells.add("<none>");
            } else if (type.equals("date")) {
                cells.add(Timestamps.since(value, now));
            } else if (type.equals("integer") && value.canConvertToLong()) {
                cells.add(value.asLong());
            } else if (type.equals("boolean") && value.isBoolean()) {
                cells.add(value.asBoolean());
            } else {
                cells.add(value.isValueNode() ? value.asText() : value.toString());
            }
        }
        return cells;
    }
}
