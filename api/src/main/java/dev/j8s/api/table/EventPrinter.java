package dev.j8s.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Events: LAST SEEN TYPE REASON OBJECT MESSAGE, wide SUBOBJECT SOURCE FIRST SEEN COUNT NAME.
 * Kubernetes prints core/v1 and events.k8s.io/v1 Events with the same printer (both are stored as one
 * internal type); {@link Fields} names where each shape keeps the values.
 */
final class EventPrinter implements Printer {

    /** Field names of one Event shape. */
    record Fields(String involvedObject, String message, String source, String firstTimestamp,
                  String lastTimestamp, String count, String reportingController) {}

    static final Fields CORE_V1 = new Fields("involvedObject", "message", "source", "firstTimestamp",
            "lastTimestamp", "count", "reportingComponent");
    static final Fields EVENTS_V1 = new Fields("regarding", "note", "deprecatedSource", "deprecatedFirstTimestamp",
            "deprecatedLastTimestamp", "deprecatedCount", "reportingController");

    private static final List<Column> COLUMNS = List.of(
            Column.string("Last Seen", doc("Event.lastTimestamp")),
            Column.string("Type", doc("Event.type")),
            Column.string("Reason", doc("Event.reason")),
            Column.string("Object", doc("Event.involvedObject")),
            Column.string("Subobject", doc("ObjectReference.fieldPath")).wide(),
            Column.string("Source", doc("Event.source")).wide(),
            Column.string("Message", doc("Event.message")),
            Column.string("First Seen", doc("Event.firstTimestamp")).wide(),
            Column.string("Count", doc("Event.count")).wide(),
            CommonCells.NAME_COLUMN.wide());

    private final Fields fields;

    EventPrinter(Fields fields) {
        this.fields = fields;
    }

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(ObjectNode event, Instant now) {
        String firstSeen = Timestamps.parse(Tree.at(event, fields.firstTimestamp())).isPresent()
                ? Timestamps.since(Tree.at(event, fields.firstTimestamp()), now)
                : Timestamps.since(Tree.at(event, "eventTime"), now);
        String lastSeen = Timestamps.parse(Tree.at(event, fields.lastTimestamp())).isPresent()
                ? Timestamps.since(Tree.at(event, fields.lastTimestamp()), now)
                : firstSeen;
        long count = Tree.integer(event, fields.count());
        if (Tree.has(event, "series")) {
            lastSeen = Timestamps.since(Tree.at(event, "series", "lastObservedTime"), now);
            count = Tree.integer(event, "series", "count");
        } else if (count == 0) {
            // Singleton events of the newer API carry no count.
            count = 1;
        }
        JsonNode regarding = Tree.at(event, fields.involvedObject());
        String kind = Tree.text(regarding, "kind").toLowerCase(Locale.ROOT);
        String name = Tree.text(regarding, "name");
        return List.of(
                lastSeen,
                Tree.text(event, "type"),
                Tree.text(event, "reason"),
                name.isEmpty() ? kind : kind + "/" + name,
                Tree.text(regarding, "fieldPath"),
                source(event),
                Tree.text(event, fields.message()).strip(),
                firstSeen,
                count,
                CommonCells.name(event));
    }

    /** "component, host", falling back to the reporting controller and instance; no ", " without a host. */
    private String source(JsonNode event) {
        String component = firstNonEmpty(Tree.text(event, fields.source(), "component"),
                Tree.text(event, fields.reportingController()));
        String host = firstNonEmpty(Tree.text(event, fields.source(), "host"), Tree.text(event, "reportingInstance"));
        return host.isEmpty() ? component : component + ", " + host;
    }

    private static String firstNonEmpty(String first, String second) {
        return first.isEmpty() ? second : first;
    }

    private static String doc(String typeAndField) {
        return ColumnDocs.of("core/v1." + typeAndField);
    }
}
