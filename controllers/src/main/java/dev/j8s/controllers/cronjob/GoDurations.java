package dev.j8s.controllers.cronjob;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Go's time.ParseDuration for "@every 1h30m" schedules: a sequence of decimal numbers with units. */
final class GoDurations {

    private static final Pattern PART = Pattern.compile("([0-9]*\\.?[0-9]*)(ns|us|µs|ms|s|m|h)");
    private static final Map<String, Long> NANOS = Map.of("ns", 1L, "us", 1_000L, "µs", 1_000L, "ms", 1_000_000L,
            "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

    private GoDurations() {}

    static Duration parse(String text) {
        Matcher m = PART.matcher(text.strip());
        long nanos = 0;
        int end = 0;
        while (m.find() && m.start() == end) {
            nanos += Math.round(Double.parseDouble(m.group(1)) * NANOS.get(m.group(2)));
            end = m.end();
        }
        if (end == 0 || end != text.strip().length()) {
            throw new IllegalArgumentException("time: invalid duration \"" + text + "\"");
        }
        return Duration.ofNanos(nanos);
    }
}
