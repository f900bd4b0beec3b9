package dev.j8s.api.table;

import java.time.Duration;

/**
 * Formats a duration the way Kubernetes' {@code duration.HumanDuration} does for the AGE column:
 * about two to three significant figures, e.g. "45s", "3m2s", "12m", "5h30m", "20h", "3d4h", "15d", "2y30d".
 */
public final class HumanDuration {

    private static final long MINUTE = 60;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;

    private HumanDuration() {}

    public static String format(Duration d) {
        if (d.isNegative()) {
            // Up to two seconds in the future is clock skew and reads as "now"; Go truncates toward zero.
            long truncated = d.getNano() > 0 ? d.getSeconds() + 1 : d.getSeconds();
            return truncated < -1 ? "<invalid>" : "0s";
        }
        long seconds = d.getSeconds();
        if (seconds < 2 * MINUTE) {
            return seconds + "s";
        }
        long minutes = seconds / MINUTE;
        if (minutes < 10) {
            long s = seconds % MINUTE;
            return s == 0 ? minutes + "m" : minutes + "m" + s + "s";
        }
        if (minutes < 3 * 60) {
            return minutes + "m";
        }
        long hours = seconds / HOUR;
        if (hours < 8) {
            long m = minutes % 60;
            return m == 0 ? hours + "h" : hours + "h" + m + "m";
        }
        if (hours < 48) {
            return hours + "h";
        }
        long days = seconds / DAY;
        if (hours < 24 * 8) {
            long h = hours % 24;
            return h == 0 ? days + "d" : days + "d" + h + "h";
        }
        if (hours < 24 * 365 * 2) {
            return days + "d";
        }
        long years = days / 365;
        if (hours < 24 * 365 * 8) {
            long dy = days % 365;
            return dy == 0 ? years + "y" : years + "y" + dy + "d";
        }
        return years + "y";
    }
}
