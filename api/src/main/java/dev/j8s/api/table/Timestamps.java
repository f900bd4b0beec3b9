package dev.j8s.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads API timestamps (RFC 3339, with or without fractional seconds) and renders them for tables. */
final class Timestamps {

    /** Go's zero time.Time, which metav1.Time treats as unset. */
    private static final Instant ZERO = Instant.parse("0001-01-01T00:00:00Z");

    private static final DateTimeFormatter RFC3339_UTC = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'");

    private Timestamps() {}

    static Optional<Instant> parse(JsonNode node) {
        if (node == null || !node.isTextual() || node.asText().isEmpty()) {
            return Optional.empty();
        }
        try {
            Instant t = OffsetDateTime.parse(node.asText(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            return t.equals(ZERO) ? Optional.empty() : Optional.of(t);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Kubernetes' translateTimestampSince: "<unknown>" for an unset time, else a HumanDuration. */
    static String since(JsonNode timestamp, Instant now) {
        return parse(timestamp).map(t -> HumanDuration.format(Duration.between(t, now))).orElse("<unknown>");
    }

    /** The age of an object: time since metadata.creationTimestamp. */
    static String age(JsonNode object, Instant now) {
        return since(Tree.at(object, "metadata", "creationTimestamp"), now);
    }

    /** RFC 3339 in UTC with whole seconds, as Go formats metav1.Time; a missing time is Go's zero time. */
    static String rfc3339(JsonNode timestamp) {
        Instant t = parse(timestamp).orElse(ZERO);
        return RFC3339_UTC.format(t.atOffset(ZoneOffset.UTC));
    }
}
