package dev.j8s.agent.server;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * The query of {@code /containerLogs} (the same as {@code pods/log}): follow, previous, tailLines,
 * sinceSeconds or sinceTime, timestamps, limitBytes.
 */
public record LogOptions(boolean follow, boolean previous, long tailLines, Instant since, boolean timestamps,
                         long limitBytes) {

    /** No limit on lines or bytes. */
    public static final long UNLIMITED = -1;

    public static LogOptions parse(Map<String, List<String>> query, Clock clock) throws StreamException {
        Instant since = null;
        String sinceSeconds = first(query, "sinceSeconds");
        String sinceTime = first(query, "sinceTime");
        if (sinceSeconds != null && sinceTime != null) {
            throw StreamException.badRequest("at most one of `sinceTime` or `sinceSeconds` may be specified");
        }
        if (sinceSeconds != null) {
            since = clock.instant().minusSeconds(positive(sinceSeconds, "sinceSeconds"));
        } else if (sinceTime != null) {
            try {
                since = Instant.parse(sinceTime);
            } catch (DateTimeParseException e) {
                throw StreamException.badRequest("sinceTime: Invalid value: \"" + sinceTime + "\"");
            }
        }
        String tail = first(query, "tailLines");
        String limit = first(query, "limitBytes");
        return new LogOptions(flag(query, "follow"), flag(query, "previous"),
                tail == null ? UNLIMITED : nonNegative(tail, "tailLines"), since, flag(query, "timestamps"),
                limit == null ? UNLIMITED : positive(limit, "limitBytes"));
    }

    static String first(Map<String, List<String>> query, String name) {
        List<String> v = query.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    static boolean flag(Map<String, List<String>> query, String name) {
        String v = first(query, name);
        return v != null && (v.isEmpty() || v.equalsIgnoreCase("true") || v.equals("1"));
    }

    private static long nonNegative(String value, String name) throws StreamException {
        try {
            long v = Long.parseLong(value);
            if (v >= 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw StreamException.badRequest(name + ": Invalid value: " + value + ": must be greater than or equal to 0");
    }

    private static long positive(String value, String name) throws StreamException {
        long v = nonNegative(value, name);
        if (v == 0) {
            throw StreamException.badRequest(name + ": Invalid value: 0: must be greater than 0");
        }
        return v;
    }
}
