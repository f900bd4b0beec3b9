package dev.j8s.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Table columns of a custom resource, from its CRD's {@code additionalPrinterColumns}. */
final class CustomColumns {

    private CustomColumns() {}

    static List<Column> of(JsonNode printerColumns) {
        List<Column> columns = new ArrayList<>();
        columns.add(Column.nameColumn());
        for (JsonNode c : printerColumns) {
            String type = c.path("type").asText("string");
            String path = c.path("jsonPath").asText("");
            columns.add(new Column(c.path("name").asText(), type, c.path("format").asText(""),
                    c.path("description").asText(""), c.path("priority").asInt(0),
                    (o, now) -> {
                        JsonNode value = SimpleJsonPath.select(o, path);
                        if (value == null || value.isNull()) {
                            return "<none>";
                        }
                        if (type.equals("date")) {
                            return Ages.since(value, now);
                        }
                        if (type.equals("integer") && value.canConvertToLong()) {
                            return value.asLong();
                        }
                        return value.isValueNode() ? value.asText() : value.toString();
                    }));
        }
        return columns;
    }
}
