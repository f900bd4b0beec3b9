package dev.j8s.api.validation;

import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a CronJob schedule the way Kubernetes does (robfig/cron's {@code ParseStandard}): five
 * fields or a descriptor (@yearly, @monthly, @weekly, @daily, @midnight, @hourly, @every 1h30m),
 * with that parser's error texts.
 */
public final class CronSchedule {

    private record Bounds(int min, int max, Map<String, Integer> names) {}

    private static final Map<String, Integer> MONTHS = Map.ofEntries(Map.entry("jan", 1), Map.entry("feb", 2),
            Map.entry("mar", 3), Map.entry("apr", 4), Map.entry("may", 5), Map.entry("jun", 6), Map.entry("jul", 7),
            Map.entry("aug", 8), Map.entry("sep", 9), Map.entry("oct", 10), Map.entry("nov", 11), Map.entry("dec", 12));
    private static final Map<String, Integer> DAYS = Map.of("sun", 0, "mon", 1, "tue", 2, "wed", 3, "thu", 4,
            "fri", 5, "sat", 6);
    private static final List<Bounds> FIELDS = List.of(
            new Bounds(0, 59, Map.of()), new Bounds(0, 23, Map.of()), new Bounds(1, 31, Map.of()),
            new Bounds(1, 12, MONTHS), new Bounds(0, 6, DAYS));
    private static final List<String> DESCRIPTORS = List.of("@yearly", "@annually", "@monthly", "@weekly", "@daily",
            "@midnight", "@hourly");

    private CronSchedule() {}

    /** The parse error, or empty when the schedule is valid. */
    public static Optional<String> parseError(String spec) {
        if (spec.isEmpty()) {
            return Optional.of("empty spec string");
        }
        String s = spec;
        if (s.startsWith("TZ=") || s.startsWith("CRON_TZ=")) {
            int space = s.indexOf(' ');
            String zone = s.substring(s.indexOf('=') + 1, space < 0 ? s.length() : space);
            try {
                ZoneId.of(zone);
            } catch (RuntimeException e) {
                return Optional.of("provided bad location " + zone + ": unknown time zone " + zone);
            }
            s = space < 0 ? "" : s.substring(space).strip();
        }
        if (s.startsWith("@")) {
            return descriptorError(s);
        }
        String[] fields = s.isBlank() ? new String[0] : s.strip().split("\\s+");
        if (fields.length != 5) {
            return Optional.of("expected exactly 5 fields, found " + fields.length + ": "
                    + "[" + String.join(" ", fields) + "]");
        }
        for (int i = 0; i < 5; i++) {
            for (String range : fields[i].split(",", -1)) {
                Optional<String> err = rangeError(range, FIELDS.get(i));
                if (err.isPresent()) {
                    return err;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> descriptorError(String s) {
        if (DESCRIPTORS.contains(s)) {
            return Optional.empty();
        }
        if (s.startsWith("@every ")) {
            String duration = s.substring("@every ".length());
            return parseGoDuration(duration) ? Optional.empty()
                    : Optional.of("failed to parse duration " + s + ": time: invalid duration " + GoValues.quote(duration));
        }
        return Optional.of("unrecognized descriptor: " + s);
    }

    private static Optional<String> rangeError(String expr, Bounds bounds) {
        String[] rangeAndStep = expr.split("/", -1);
        String[] lowAndHigh = rangeAndStep[0].split("-", -1);
        long start;
        long end;
        try {
            if (lowAndHigh[0].equals("*") || lowAndHigh[0].equals("?")) {
                start = bounds.min();
                end = bounds.max();
            } else {
                start = intOrName(lowAndHigh[0], bounds.names());
                if (lowAndHigh.length == 1) {
                    end = start;
                } else if (lowAndHigh.length == 2) {
                    end = intOrName(lowAndHigh[1], bounds.names());
                } else {
                    return Optional.of("too many hyphens: " + expr);
                }
            }
            long step;
            if (rangeAndStep.length == 1) {
                step = 1;
            } else if (rangeAndStep.length == 2) {
                step = nonNegativeInt(rangeAndStep[1]);
                if (lowAndHigh.length == 1) {
                    end = bounds.max();
                }
            } else {
                return Optional.of("too many slashes: " + expr);
            }
            if (start < bounds.min()) {
                return Optional.of("beginning of range (" + start + ") below minimum (" + bounds.min() + "): " + expr);
            }
            if (end > bounds.max()) {
                return Optional.of("end of range (" + end + ") above maximum (" + bounds.max() + "): " + expr);
            }
            if (start > end) {
                return Optional.of("beginning of range (" + start + ") beyond end of range (" + end + "): " + expr);
            }
            if (step == 0) {
                return Optional.of("step of range should be a positive number: " + expr);
            }
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    private static long intOrName(String expr, Map<String, Integer> names) {
        Integer named = names.get(expr.toLowerCase(Locale.ROOT));
        return named != null ? named : nonNegativeInt(expr);
    }

    private static long nonNegativeInt(String expr) {
        long n;
        try {
            n = Long.parseLong(expr.startsWith("+") ? expr.substring(1) : expr);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("failed to parse int from " + expr + ": strconv.Atoi: parsing "
                    + GoValues.quote(expr) + ": invalid syntax");
        }
        if (n < 0) {
            throw new IllegalArgumentException("negative number (" + n + ") not allowed: " + expr);
        }
        return n;
    }

    /** Go's time.ParseDuration syntax: e.g. "1h30m", "90s", "1.5h". */
    private static boolean parseGoDuration(String s) {
        return s.matches("([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|ms|s|m|h)(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|ms|s|m|h))*");
    }
}
