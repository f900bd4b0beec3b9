package dev.j8s.controllers.cronjob;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * When a CronJob schedule fires, computed the way robfig/cron (the library Kubernetes uses) does:
 * five fields or a descriptor, optionally prefixed with {@code CRON_TZ=} / {@code TZ=}, evaluated
 * on the wall clock of a time zone. The API server has already validated the text (its
 * {@code CronSchedule} validator gives the error messages); this class only answers "next after".
 *
 * <p>Daylight saving time follows robfig's search, which walks hours and minutes on the instant
 * time line: a wall time that does not exist (the spring-forward gap) is skipped that day, and a
 * wall time that happens twice (the fall-back hour) fires twice.
 */
public final class CronSchedule {

    private static final Map<String, Integer> MONTHS = Map.ofEntries(Map.entry("jan", 1), Map.entry("feb", 2),
            Map.entry("mar", 3), Map.entry("apr", 4), Map.entry("may", 5), Map.entry("jun", 6), Map.entry("jul", 7),
            Map.entry("aug", 8), Map.entry("sep", 9), Map.entry("oct", 10), Map.entry("nov", 11), Map.entry("dec", 12));
    private static final Map<String, Integer> DAYS = Map.of("sun", 0, "mon", 1, "tue", 2, "wed", 3, "thu", 4,
            "fri", 5, "sat", 6);
    private static final Map<String, String> DESCRIPTORS = Map.of("@yearly", "0 0 1 1 *", "@annually", "0 0 1 1 *",
            "@monthly", "0 0 1 * *", "@weekly", "0 0 * * 0", "@daily", "0 0 * * *", "@midnight", "0 0 * * *",
            "@hourly", "0 * * * *");
    /** robfig gives up after five years without a match (e.g. "0 0 30 2 *"). */
    private static final int SEARCH_YEARS = 5;

    private final ZoneId zone;
    private final Duration every;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet daysOfMonth;
    private final BitSet months;
    private final BitSet daysOfWeek;
    /** robfig's star bit: a day field written as "*" or "?" makes the two day fields AND, not OR. */
    private final boolean anyDayOfMonth;
    private final boolean anyDayOfWeek;

    private CronSchedule(ZoneId zone, Duration every, BitSet[] fields, boolean anyDayOfMonth, boolean anyDayOfWeek) {
        this.zone = zone;
        this.every = every;
        this.minutes = fields[0];
        this.hours = fields[1];
        this.daysOfMonth = fields[2];
        this.months = fields[3];
        this.daysOfWeek = fields[4];
        this.anyDayOfMonth = anyDayOfMonth;
        this.anyDayOfWeek = anyDayOfWeek;
    }

    /**
     * Parses {@code spec} (already validated by the API server).
     *
     * @param defaultZone spec.timeZone, or the controller's local zone when unset; a CRON_TZ prefix wins
     */
    public static CronSchedule parse(String spec, ZoneId defaultZone) {
        String s = spec.strip();
        ZoneId zone = defaultZone;
        if (s.startsWith("TZ=") || s.startsWith("CRON_TZ=")) {
            int space = s.indexOf(' ');
            zone = ZoneId.of(s.substring(s.indexOf('=') + 1, space));
            s = s.substring(space).strip();
        }
        if (s.startsWith("@every ")) {
            return new CronSchedule(zone, GoDurations.parse(s.substring("@every ".length())), new BitSet[5],
                    false, false);
        }
        if (s.startsWith("@")) {
            String expanded = DESCRIPTORS.get(s.toLowerCase(Locale.ROOT));
            if (expanded == null) {
                throw new IllegalArgumentException("unrecognized descriptor: " + s);
            }
            s = expanded;
        }
        String[] text = s.split("\\s+");
        if (text.length != 5) {
            throw new IllegalArgumentException("expected exactly 5 fields, found " + text.length + ": " + s);
        }
        BitSet[] fields = {
            field(text[0], 0, 59, Map.of()), field(text[1], 0, 23, Map.of()), field(text[2], 1, 31, Map.of()),
            field(text[3], 1, 12, MONTHS), field(text[4], 0, 6, DAYS)};
        return new CronSchedule(zone, null, fields, isStar(text[2]), isStar(text[4]));
    }

    public ZoneId zone() {
        return zone;
    }

    /** The first firing strictly after {@code after}, or empty if none within five years. */
    public Optional<Instant> next(Instant after) {
        if (every != null) {
            // ConstantDelaySchedule: whole seconds, at least one second apart.
            Duration delay = every.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1)
                    : every.truncatedTo(ChronoUnit.SECONDS);
            return Optional.of(after.truncatedTo(ChronoUnit.SECONDS).plus(delay));
        }
        ZonedDateTime t = after.atZone(zone).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        int yearLimit = t.getYear() + SEARCH_YEARS;
        while (t.getYear() <= yearLimit) {
            if (!months.get(t.getMonthValue())) {
                t = startOfDay(t.toLocalDate().withDayOfMonth(1).plusMonths(1));
            } else if (!dayMatches(t)) {
                t = startOfDay(t.toLocalDate().plusDays(1));
            } else if (!hours.get(t.getHour())) {
                // On the instant time line, like robfig's t.Add(time.Hour): DST gaps and repeats show.
                t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
            } else if (!minutes.get(t.getMinute())) {
                t = t.plusMinutes(1);
            } else {
                return Optional.of(t.toInstant());
            }
        }
        return Optional.empty();
    }

    private ZonedDateTime startOfDay(LocalDate date) {
        return date.atStartOfDay(zone);
    }

    private boolean dayMatches(ZonedDateTime t) {
        boolean dom = daysOfMonth.get(t.getDayOfMonth());
        boolean dow = daysOfWeek.get(t.getDayOfWeek().getValue() % 7);
        return anyDayOfMonth || anyDayOfWeek ? dom && dow : dom || dow;
    }

    private static boolean isStar(String field) {
        // "*/2" keeps the star bit in robfig only while its step is 1.
        String[] rangeAndStep = field.split("/");
        boolean star = rangeAndStep[0].equals("*") || rangeAndStep[0].equals("?");
        return star && (rangeAndStep.length == 1 || Integer.parseInt(rangeAndStep[1]) <= 1);
    }

    private static BitSet field(String text, int min, int max, Map<String, Integer> names) {
        BitSet bits = new BitSet(max + 1);
        for (String range : text.split(",")) {
            String[] rangeAndStep = range.split("/");
            String[] lowHigh = rangeAndStep[0].split("-");
            int start;
            int end;
            if (lowHigh[0].equals("*") || lowHigh[0].equals("?")) {
                start = min;
                end = max;
            } else {
                start = value(lowHigh[0], names);
                end = lowHigh.length == 2 ? value(lowHigh[1], names) : start;
            }
            int step = 1;
            if (rangeAndStep.length == 2) {
                step = Integer.parseInt(rangeAndStep[1]);
                if (lowHigh.length == 1 && !lowHigh[0].equals("*") && !lowHigh[0].equals("?")) {
                    end = max; // "N/step" means "N-max/step"
                }
            }
            for (int v = start; v <= end; v += step) {
                bits.set(v);
            }
        }
        return bits;
    }

    private static int value(String text, Map<String, Integer> names) {
        Integer named = names.get(text.toLowerCase(Locale.ROOT));
        return named != null ? named : Integer.parseInt(text.startsWith("+") ? text.substring(1) : text);
    }
}
