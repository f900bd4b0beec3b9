package dev.j8s.controllers.cronjob;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ScheduleWindowTest {

    private static final Instant CREATED = Instant.parse("2025-01-01T00:00:30Z");

    static Stream<Arguments> cases() {
        return Stream.of(
                // schedule, lastScheduleTime, startingDeadlineSeconds, now → mostRecent, missed, next
                Arguments.of("* * * * *", null, null, "2025-01-01T00:00:59Z", null, 0, "2025-01-01T00:01:00Z"),
                Arguments.of("* * * * *", null, null, "2025-01-01T00:01:00Z", "2025-01-01T00:01:00Z", 1,
                        "2025-01-01T00:02:00Z"),
                Arguments.of("* * * * *", "2025-01-01T00:01:00Z", null, "2025-01-01T00:01:30Z", null, 0,
                        "2025-01-01T00:02:00Z"),
                // Down for 5 minutes: five firings missed, only the latest runs.
                Arguments.of("* * * * *", "2025-01-01T00:01:00Z", null, "2025-01-01T00:06:10Z",
                        "2025-01-01T00:06:00Z", 5, "2025-01-01T00:07:00Z"),
                // Down for 3 hours: 180 missed, "too many missed start times".
                Arguments.of("* * * * *", "2025-01-01T00:01:00Z", null, "2025-01-01T03:01:00Z",
                        "2025-01-01T03:01:00Z", 180, "2025-01-01T03:02:00Z"),
                // startingDeadlineSeconds 200: only the firings of the last 200 s are looked at.
                Arguments.of("* * * * *", "2025-01-01T00:01:00Z", 200L, "2025-01-01T03:01:00Z",
                        "2025-01-01T03:01:00Z", 4, "2025-01-01T03:02:00Z"),
                Arguments.of("0 * * * *", null, 60L, "2025-01-01T05:30:00Z", null, 0, "2025-01-01T06:00:00Z"));
    }

    @ParameterizedTest(name = "{0} last={1} deadline={2} now={3}")
    @MethodSource("cases")
    void window(String spec, String last, Long deadline, String now, String mostRecent, long missed, String next) {
        ScheduleWindow w = ScheduleWindow.compute(CronSchedule.parse(spec, ZoneOffset.UTC),
                last == null ? null : Instant.parse(last), CREATED, deadline, Instant.parse(now));
        assertThat(w.mostRecent()).isEqualTo(Optional.ofNullable(mostRecent).map(Instant::parse));
        assertThat(w.missed()).isEqualTo(missed);
        assertThat(w.tooManyMissed()).isEqualTo(missed > 100);
        assertThat(w.next()).contains(Instant.parse(next));
    }

    @org.junit.jupiter.api.Test
    void aYearOfEverySecondStillFindsTheLatestFiring() {
        ScheduleWindow w = ScheduleWindow.compute(CronSchedule.parse("@every 1s", ZoneOffset.UTC),
                Instant.parse("2024-01-01T00:00:00Z"), CREATED, null, Instant.parse("2025-01-01T00:00:00Z"));
        assertThat(w.mostRecent()).contains(Instant.parse("2025-01-01T00:00:00Z"));
        assertThat(w.tooManyMissed()).isTrue();
    }
}
