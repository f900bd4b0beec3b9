package dev.j8s.api.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CronScheduleTest {

    @ParameterizedTest
    @ValueSource(strings = {"* * * * *", "*/5 * * * *", "0 0 1 1 *", "0-30/10 9-17 * * mon-fri", "0 12 * JAN,jul SUN",
            "5 4 ? * *", "@hourly", "@daily", "@midnight", "@weekly", "@monthly", "@yearly", "@annually",
            "@every 1h30m", "15 10 1-31/2 */3 0,6", "CRON_TZ=UTC 0 * * * *"})
    void acceptsStandardSchedules(String schedule) {
        assertThat(CronSchedule.parseError(schedule)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''                | empty spec string",
            "* * *             | expected exactly 5 fields, found 3: [* * *]",
            "* * * * * *       | expected exactly 5 fields, found 6: [* * * * * *]",
            "61 * * * *        | end of range (61) above maximum (59): 61",
            "* 24 * * *        | end of range (24) above maximum (23): 24",
            "* * 0 * *         | beginning of range (0) below minimum (1): 0",
            "* * * * 7         | end of range (7) above maximum (6): 7",
            "5-1 * * * *       | beginning of range (5) beyond end of range (1): 5-1",
            "*/0 * * * *       | step of range should be a positive number: */0",
            "1-2-3 * * * *     | too many hyphens: 1-2-3",
            "*/2/3 * * * *     | too many slashes: */2/3",
            "x * * * *         | failed to parse int from x: strconv.Atoi: parsing \"x\": invalid syntax",
            "@often            | unrecognized descriptor: @often",
    })
    void rejectsWithRobfigCronMessages(String schedule, String message) {
        assertThat(CronSchedule.parseError(schedule)).contains(message);
    }
}
