package dev.j8s.controllers.cronjob;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CronScheduleTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                // spec, zone, after, expected next (UTC instants)
                Arguments.of("*/5 * * * *", "UTC", "2025-01-01T00:02:30Z", "2025-01-01T00:05:00Z"),
                Arguments.of("* * * * *", "UTC", "2025-01-01T00:05:00Z", "2025-01-01T00:06:00Z"),
                Arguments.of("0 0 * * *", "UTC", "2025-01-01T00:00:00Z", "2025-01-02T00:00:00Z"),
                Arguments.of("@hourly", "UTC", "2025-01-01T10:59:59Z", "2025-01-01T11:00:00Z"),
                Arguments.of("@weekly", "UTC", "2025-01-01T00:00:00Z", "2025-01-05T00:00:00Z"),
                Arguments.of("0 12 * * mon-fri", "UTC", "2025-01-03T13:00:00Z", "2025-01-06T12:00:00Z"),
                Arguments.of("30 4 1 jan *", "UTC", "2025-01-01T05:00:00Z", "2026-01-01T04:30:00Z"),
                Arguments.of("5/20 * * * *", "UTC", "2025-01-01T00:26:00Z", "2025-01-01T00:45:00Z"),
                // Both day fields restricted: either matches (the 13th, or any Friday).
                Arguments.of("0 0 13 * 5", "UTC", "2025-01-01T00:00:00Z", "2025-01-03T00:00:00Z"),
                // Day-of-week "*": only the day of month counts.
                Arguments.of("0 0 13 * *", "UTC", "2025-01-01T00:00:00Z", "2025-01-13T00:00:00Z"),
                Arguments.of("0 0 29 2 *", "UTC", "2025-01-01T00:00:00Z", "2028-02-29T00:00:00Z"),
                // spec.timeZone: 09:00 in Tokyo is 00:00 UTC.
                Arguments.of("0 9 * * *", "Asia/Tokyo", "2025-01-01T01:00:00Z", "2025-01-02T00:00:00Z"),
                // CRON_TZ prefix wins over the zone passed in.
                Arguments.of("CRON_TZ=America/New_York 0 9 * * *", "UTC", "2025-01-01T00:00:00Z",
                        "2025-01-01T14:00:00Z"),
                // US spring forward, 2025-03-09 02:00 EST → 03:00 EDT: 02:30 does not exist and is skipped.
                Arguments.of("30 2 * * *", "America/New_York", "2025-03-08T08:00:00Z", "2025-03-10T06:30:00Z"),
                // 03:30 on the spring-forward day is EDT (UTC-4).
                Arguments.of("30 3 * * *", "America/New_York", "2025-03-09T05:00:00Z", "2025-03-09T07:30:00Z"),
                // US fall back, 2025-11-02: 01:30 happens twice (EDT then EST) and fires both times.
                Arguments.of("30 1 * * *", "America/New_York", "2025-11-02T04:00:00Z", "2025-11-02T05:30:00Z"),
                Arguments.of("30 1 * * *", "America/New_York", "2025-11-02T05:30:00Z", "2025-11-02T06:30:00Z"),
                Arguments.of("@every 90s", "UTC", "2025-01-01T00:00:10.500Z", "2025-01-01T00:01:40Z"));
    }

    @ParameterizedTest(name = "{0} in {1} after {2}")
    @MethodSource("cases")
    void nextFiring(String spec, String zone, String after, String expected) {
        CronSchedule schedule = CronSchedule.parse(spec, ZoneId.of(zone));
        assertThat(schedule.next(Instant.parse(after))).contains(Instant.parse(expected));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void nextIsStrictlyAfter(String spec, String zone, String after, String expected) {
        CronSchedule schedule = CronSchedule.parse(spec, ZoneId.of(zone));
        Instant first = schedule.next(Instant.parse(after)).orElseThrow();
        assertThat(schedule.next(first)).get().matches(next -> next.isAfter(first));
    }

    @org.junit.jupiter.api.Test
    void impossibleDateHasNoFiring() {
        assertThat(CronSchedule.parse("0 0 30 2 *", ZoneOffset.UTC).next(Instant.parse("2025-01-01T00:00:00Z")))
                .isEmpty();
    }
}
