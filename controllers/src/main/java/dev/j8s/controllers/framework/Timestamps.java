package dev.j8s.controllers.framework;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** metav1.Time as it travels in JSON: RFC 3339 in UTC, whole seconds. */
public final class Timestamps {

    private Timestamps() {}

    public static String format(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    /** Null for a missing or empty value. */
    public static Instant parse(String value) {
        return value == null || value.isEmpty() ? null : Instant.parse(value);
    }
}
