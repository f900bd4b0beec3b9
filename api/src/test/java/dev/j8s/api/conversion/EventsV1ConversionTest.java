package dev.j8s.api.conversion;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.j8s.api.Json;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventsV1ConversionTest {

    private final EventsV1Conversion conversion = new EventsV1Conversion();

    @ParameterizedTest
    @CsvSource({
            "regarding, involvedObject, '{\"kind\":\"Pod\",\"name\":\"p\"}'",
            "note, message, '\"hello\"'",
            "deprecatedSource, source, '{\"component\":\"kubelet\",\"host\":\"n1\"}'",
            "deprecatedFirstTimestamp, firstTimestamp, '\"2025-01-01T10:00:00Z\"'",
            "deprecatedLastTimestamp, lastTimestamp, '\"2025-01-01T10:05:00Z\"'",
            "deprecatedCount, count, 5",
            "reportingController, reportingComponent, '\"example.com/ctl\"'",
            "reportingInstance, reportingInstance, '\"ctl-0\"'",
            "eventTime, eventTime, '\"2025-01-01T10:00:00.000000Z\"'",
            "series, series, '{\"count\":2,\"lastObservedTime\":\"2025-01-01T10:00:00.000000Z\"}'",
            "action, action, '\"Scale\"'",
            "related, related, '{\"kind\":\"Node\",\"name\":\"n1\"}'",
            "reason, reason, '\"Scaled\"'",
            "type, type, '\"Normal\"'",
    })
    void eachFieldMapsToItsCoreNameAndBack(String eventsV1Field, String coreField, String value) throws Exception {
        ObjectNode event = event("events.k8s.io/v1");
        event.set(eventsV1Field, Json.parse(value.getBytes(StandardCharsets.UTF_8)));

        ObjectNode stored = conversion.toStorage(event);

        assertThat(stored.get("apiVersion").asText()).isEqualTo("v1");
        assertThat(stored.get(coreField)).isEqualTo(event.get(eventsV1Field));
        assertThat(stored.get("metadata")).isEqualTo(event.get("metadata"));
        assertThat(conversion.fromStorage(stored)).isEqualTo(event);
    }

    private static ObjectNode event(String apiVersion) {
        ObjectNode event = Json.object();
        event.put("apiVersion", apiVersion);
        event.put("kind", "Event");
        event.putObject("metadata").put("name", "e").put("namespace", "ns");
        return event;
    }
}
