package dev.j8s.api.proto;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoTimeFormatsTest {

    @ParameterizedTest
    @CsvSource({
            "0, 0s",
            "1, 1ns",
            "999, 999ns",
            "1500, 1.5µs",
            "2000000, 2ms",
            "1500000, 1.5ms",
            "1000000000, 1s",
            "1500000000, 1.5s",
            "90000000000, 1m30s",
            "3600000000000, 1h0m0s",
            "3723000000001, 1h2m3.000000001s",
            "-5000000000, -5s",
            "-9223372036854775808, -2562047h47m16.854775808s"})
    void durationsPrintAsGoDoes(long nanos, String text) {
        assertThat(GoTimeFormats.duration(nanos)).isEqualTo(text);
        if (nanos != Long.MIN_VALUE) {
            assertThat(GoTimeFormats.parseDuration(text)).isEqualTo(nanos);
        }
    }

    @ParameterizedTest
    @CsvSource({
            "0, 0, 1970-01-01T00:00:00Z, 1970-01-01T00:00:00.000000Z",
            "1700000000, 999999999, 2023-11-14T22:13:20Z, 2023-11-14T22:13:20.999999Z",
            "-62135596800, 0, 0001-01-01T00:00:00Z, 0001-01-01T00:00:00.000000Z"})
    void timesPrintInUtcWithGoPrecision(long seconds, int nanos, String time, String microTime) {
        assertThat(GoTimeFormats.time(seconds, nanos)).isEqualTo(time);
        assertThat(GoTimeFormats.microTime(seconds, nanos)).isEqualTo(microTime);
    }
}
