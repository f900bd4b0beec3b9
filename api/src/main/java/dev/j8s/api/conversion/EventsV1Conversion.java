package dev.j8s.api.conversion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.j8s.api.Json;
import dev.j8s.api.StoredAs;
import java.util.Map;

/**
 * events.k8s.io/v1 Event ↔ core/v1 Event, the form both APIs' Events are stored in. The field
 * mapping is Kubernetes' (pkg/apis/events/v1 conversion): regarding ↔ involvedObject, note ↔ message,
 * deprecatedSource ↔ source, deprecatedFirstTimestamp/LastTimestamp/Count ↔ firstTimestamp/lastTimestamp/count,
 * and reportingController ↔ core's JSON name reportingComponent. eventTime, series, action, related,
 * reason, type and reportingInstance have the same names in both.
 */
public final class EventsV1Conversion implements StoredAs.Conversion {

    public static final StoredAs IN_CORE_EVENTS = new StoredAs("", "events", new EventsV1Conversion());

    /** events.k8s.io/v1 field name → core/v1 field name, for the fields whose names differ. */
    private static final Map<String, String> RENAMED = Map.of(
            "regarding", "involvedObject",
            "note", "message",
            "deprecatedSource", "source",
            "deprecatedFirstTimestamp", "firstTimestamp",
            "deprecatedLastTimestamp", "lastTimestamp",
            "deprecatedCount", "count",
            "reportingController", "reportingComponent");

    private static final Map<String, String> RENAMED_BACK = invert(RENAMED);

    @Override
    public ObjectNode toStorage(ObjectNode event) {
        return rename(event, "v1", RENAMED);
    }

    @Override
    public ObjectNode fromStorage(ObjectNode stored) {
        return rename(stored, "events.k8s.io/v1", RENAMED_BACK);
    }

    /** A copy under {@code apiVersion} with each field renamed by {@code names} (unlisted fields keep theirs). */
    private static ObjectNode rename(ObjectNode from, String apiVersion, Map<String, String> names) {
        ObjectNode out = Json.object();
        out.put("apiVersion", apiVersion);
        out.put("kind", "Event");
        for (Map.Entry<String, JsonNode> field : from.properties()) {
            String name = field.getKey();
            if (name.equals("apiVersion") || name.equals("kind")) {
                continue;
            }
            out.set(names.getOrDefault(name, name), field.getValue().deepCopy());
        }
        return out;
    }

    private static Map<String, String> invert(Map<String, String> map) {
        Map<String, String> out = new java.util.HashMap<>();
        map.forEach((k, v) -> out.put(v, k));
        return Map.copyOf(out);
    }
}
