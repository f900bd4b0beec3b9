package dev.j8s.api.proto;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The JSON text of {@code metav1.Time} (RFC 3339, whole seconds, UTC), {@code metav1.MicroTime}
 * (RFC 3339 with six fraction digits) and {@code metav1.Duration} (Go's {@code time.Duration} string,
 * e.g. {@code 1h2m3.5s}).
 */
final class GoTimeFormats {

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private GoTimeFormats() {}

    static String time(long seconds, int nanos) {
        return SECONDS.format(instant(seconds, nanos));
    }

    static String microTime(long seconds, int nanos) {
        return MICROS.format(instant(seconds, nanos));
    }

    /** Parses RFC 3339 with any offset and optional fraction. */
    static Instant parseTime(String text) {
        return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    }

    private static Instant instant(long seconds, int nanos) {
        Instant instant = Instant.ofEpochSecond(seconds, nanos);
        // Go refuses to marshal years outside 0000..9999, so no such time ever reaches JSON
        int year = instant.atOffset(ZoneOffset.UTC).getYear();
        if (year < 0 || year > 9999) {
            throw new IllegalArgumentException("Time.MarshalJSON: year outside of range [0,9999]");
        }
        return instant;
    }

    /** Go's {@code time.Duration.String()}. */
    static String duration(long nanos) {
        if (nanos == 0) {
            return "0s";
        }
        if (nanos == Long.MIN_VALUE) {
            return "-2562047h47m16.854775808s";
        }
        String sign = nanos < 0 ? "-" : "";
        long u = Math.abs(nanos);
        if (u < 1_000) {
            return sign + u + "ns";
        }
        if (u < 1_000_000) {
            return sign + (u / 1_000) + fraction(u % 1_000, 3) + "µs";
        }
        if (u < NANOS_PER_SECOND) {
            return sign + (u / 1_000_000) + fraction(u % 1_000_000, 6) + "ms";
        }
        long totalSeconds = u / NANOS_PER_SECOND;
        String text = (totalSeconds % 60) + fraction(u % NANOS_PER_SECOND, 9) + "s";
        long minutes = totalSeconds / 60;
        if (minutes > 0) {
            text = (minutes % 60) + "m" + text;
            long hours = minutes / 60;
            if (hours > 0) {
                text = hours + "h" + text;
            }
        }
        return sign + text;
    }

    private static String fraction(long value, int digits) {
        if (value == 0) {
            return "";
        }
        String padded = String.format("%0" + digits + "d", value);
        int end = padded.length();
        while (padded.charAt(end - 1) == '0') {
            end--;
        }
        return "." + padded.substring(0, end);
    }

    /** Go's {@code time.ParseDuration}: a signed sequence of decimal numbers with units ns, us, µs, ms, s, m, h. */
    static long parseDuration(String text) {
        String s = text;
        boolean negative = false;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return 0;
        }
        if (s.isEmpty()) {
            throw new IllegalArgumentException("time: invalid duration \"" + text + "\"");
        }
        double total = 0;
        int i = 0;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                i++;
            }
            if (start == i) {
                throw new IllegalArgumentException("time: invalid duration \"" + text + "\"");
            }
            double number = Double.parseDouble(s.substring(start, i));
            int unitStart = i;
            while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') {
                i++;
            }
            total += number * unitNanos(s.substring(unitStart, i), text);
        }
        long nanos = Math.round(total);
        return negative ? -nanos : nanos;
    }

    private static double unitNanos(String unit, String text) {
        return switch (unit) {
            case "ns" -> 1;
            case "us", "µs", "μs" -> 1e3;
            case "ms" -> 1e6;
            case "s" -> 1e9;
            case "m" -> 60e9;
            case "h" -> 3600e9;
            default -> throw new IllegalArgumentException("time: unknown unit \"" + unit + "\" in duration \"" + text + "\"");
        };
    }
}
