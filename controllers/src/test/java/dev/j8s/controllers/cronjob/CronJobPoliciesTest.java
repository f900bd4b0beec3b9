package dev.j8s.controllers.cronjob;

import static org.assertj.core.api.Assertions.assertThat;

import dev.j8s.controllers.cronjob.JobHistory.FinishedJob;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class CronJobPoliciesTest {

    @ParameterizedTest(name = "{0} with {1} active → {2}")
    @CsvSource({
        "Allow, 0, START", "Allow, 2, START", "Forbid, 0, START", "Forbid, 1, SKIP",
        "Replace, 0, START", "Replace, 1, REPLACE"})
    void concurrencyPolicy(String policy, int active, ConcurrencyDecision expected) {
        assertThat(ConcurrencyDecision.decide(policy, active)).isEqualTo(expected);
    }

    private static FinishedJob job(String name, boolean ok, int minute) {
        return new FinishedJob(name, ok, Instant.parse("2025-01-01T00:00:00Z").plusSeconds(60L * minute));
    }

    static Stream<Arguments> histories() {
        List<FinishedJob> jobs = List.of(job("ok-3", true, 3), job("ok-1", true, 1), job("ok-2", true, 2),
                job("bad-1", false, 1), job("bad-2", false, 2), job("ok-4", true, 4));
        return Stream.of(
                Arguments.of(jobs, 3, 1, List.of("ok-1", "bad-1")),
                Arguments.of(jobs, 0, 0, List.of("ok-1", "ok-2", "ok-3", "ok-4", "bad-1", "bad-2")),
                Arguments.of(jobs, 10, 5, List.of()),
                Arguments.of(jobs, null, 1, List.of("bad-1")));
    }

    @ParameterizedTest(name = "limits {1}/{2}")
    @MethodSource("histories")
    void historyLimitsDeleteTheOldest(List<FinishedJob> jobs, Integer ok, Integer failed, List<String> expected) {
        assertThat(JobHistory.toDelete(jobs, ok, failed)).containsExactlyElementsOf(expected);
    }
}
