package dev.j8s.api.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HumanDurationTest {

    static Stream<Arguments> durations() {
        return Stream.of(
                Arguments.of(Duration.ofSeconds(-3), "<invalid>"),
                Arguments.of(Duration.ofSeconds(-2), "<invalid>"),
                Arguments.of(Duration.ofMillis(-1500), "0s"),
                Arguments.of(Duration.ofSeconds(-1), "0s"),
                Arguments.of(Duration.ZERO, "0s"),
                Arguments.of(Duration.ofMillis(999), "0s"),
                Arguments.of(Duration.ofSeconds(5), "5s"),
                Arguments.of(Duration.ofSeconds(119), "119s"),
                Arguments.of(Duration.ofSeconds(120), "2m"),
                Arguments.of(Duration.ofSeconds(182), "3m2s"),
                Arguments.of(Duration.ofSeconds(599), "9m59s"),
                Arguments.of(Duration.ofMinutes(10), "10m"),
                Arguments.of(Duration.ofMinutes(10).plusSeconds(30), "10m"),
                Arguments.of(Duration.ofMinutes(179), "179m"),
                Arguments.of(Duration.ofHours(3), "3h"),
                Arguments.of(Duration.ofHours(5).plusMinutes(30), "5h30m"),
                Arguments.of(Duration.ofHours(7).plusMinutes(59), "7h59m"),
                Arguments.of(Duration.ofHours(8).plusMinutes(59), "8h"),
                Arguments.of(Duration.ofHours(47), "47h"),
                Arguments.of(Duration.ofHours(48), "2d"),
                Arguments.of(Duration.ofHours(50), "2d2h"),
                Arguments.of(Duration.ofHours(191), "7d23h"),
                Arguments.of(Duration.ofDays(8), "8d"),
                Arguments.of(Duration.ofDays(729), "729d"),
                Arguments.of(Duration.ofDays(730), "2y"),
                Arguments.of(Duration.ofDays(731), "2y1d"),
                Arguments.of(Duration.ofDays(365 * 8 - 1), "7y364d"),
                Arguments.of(Duration.ofDays(365 * 8), "8y"),
                Arguments.of(Duration.ofDays(365 * 10 + 100), "10y"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("durations")
    void formatsLikeKubernetes(Duration duration, String expected) {
        assertThat(HumanDuration.format(duration)).isEqualTo(expected);
    }
}
