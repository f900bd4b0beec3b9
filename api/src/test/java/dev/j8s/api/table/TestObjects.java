package dev.j8s.api.table;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.j8s.api.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Fixtures for printer tests: a fixed "now" and JSON objects written with timestamps relative to it. */
final class TestObjects {

    static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");

    private TestObjects() {}

    /**
     * Parses JSON (single quotes allowed for readability) after replacing {@code ${-5m}}-style markers with
     * the RFC 3339 timestamp that long before {@link #NOW} (units s, m, h, d).
     */
    static ObjectNode obj(String json) {
        String expanded = expandTimes(json).replace('\'', '"');
        try {
            return (ObjectNode) Json.MAPPER.readTree(expanded);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(expanded, e);
        }
    }

    static String ago(Duration d) {
        return NOW.minus(d).toString();
    }

    /** The cells a printer produces for the object at {@link #NOW}. */
    static List<Object> cells(Printer printer, String json) {
        return printer.cells(obj(json), NOW);
    }

    private static String expandTimes(String json) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (true) {
            int start = json.indexOf("${-", i);
            if (start < 0) {
                out.append(json.substring(i));
                return out.toString();
            }
            int end = json.indexOf('}', start);
            String spec = json.substring(start + 3, end);
            long amount = Long.parseLong(spec.substring(0, spec.length() - 1));
            Duration d = switch (spec.charAt(spec.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                case 'd' -> Duration.ofDays(amount);
                default -> throw new IllegalArgumentException(spec);
            };
            out.append(json, i, start).append(ago(d));
            i = end + 1;
        }
    }
}
