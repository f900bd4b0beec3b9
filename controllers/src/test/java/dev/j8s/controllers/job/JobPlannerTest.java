package dev.j8s.controllers.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.j8s.controllers.job.JobPlanner.Input;
import dev.j8s.controllers.job.JobPlanner.Outcome;
import dev.j8s.controllers.job.JobPlanner.Plan;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class JobPlannerTest {

    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

    private static Input in(Integer completions, int parallelism, int backoffLimit, Long deadline, boolean suspend,
                            int active, int succeeded, int failed, int restarts, long secondsSinceStart) {
        return new Input(completions, parallelism, backoffLimit, deadline, suspend, active, succeeded, failed,
                restarts, START, START.plusSeconds(secondsSinceStart));
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                // completions 3, parallelism 2: start 2, then 1 more, then done.
                Arguments.of("fresh 3/2", in(3, 2, 6, null, false, 0, 0, 0, 0, 0), Outcome.RUNNING, 2, 0, null),
                Arguments.of("one done", in(3, 2, 6, null, false, 1, 1, 0, 0, 5), Outcome.RUNNING, 1, 0, null),
                Arguments.of("last running", in(3, 2, 6, null, false, 1, 2, 0, 0, 5), Outcome.RUNNING, 0, 0, null),
                Arguments.of("complete", in(3, 2, 6, null, false, 0, 3, 0, 0, 9), Outcome.SUCCEEDED, 0, 0,
                        JobPlanner.COMPLETIONS_REACHED),
                Arguments.of("parallelism lowered", in(5, 1, 6, null, false, 3, 0, 0, 0, 1), Outcome.RUNNING, 0, 2, null),
                // A failed pod is replaced while failed <= backoffLimit.
                Arguments.of("failure replaced", in(1, 1, 2, null, false, 0, 0, 2, 0, 1), Outcome.RUNNING, 1, 0, null),
                Arguments.of("backoff exceeded", in(1, 1, 2, null, false, 1, 0, 3, 0, 1), Outcome.FAILED, 0, 1,
                        JobPlanner.BACKOFF_LIMIT_EXCEEDED),
                Arguments.of("backoff 0", in(1, 1, 0, null, false, 0, 0, 1, 0, 1), Outcome.FAILED, 0, 0,
                        JobPlanner.BACKOFF_LIMIT_EXCEEDED),
                // restartPolicy OnFailure: container restarts count (restarts >= limit).
                Arguments.of("OnFailure restarts", in(1, 1, 3, null, false, 1, 0, 0, 3, 1), Outcome.FAILED, 0, 1,
                        JobPlanner.BACKOFF_LIMIT_EXCEEDED),
                Arguments.of("OnFailure below", in(1, 1, 3, null, false, 1, 0, 0, 2, 1), Outcome.RUNNING, 0, 0, null),
                Arguments.of("deadline passed", in(1, 1, 6, 30L, false, 1, 0, 0, 0, 30), Outcome.FAILED, 0, 1,
                        JobPlanner.DEADLINE_EXCEEDED),
                Arguments.of("suspended", in(2, 2, 6, null, true, 2, 0, 0, 0, 1), Outcome.SUSPENDED, 0, 2, null),
                // No completions: the first success ends the work, the others finish undisturbed.
                Arguments.of("work queue", in(null, 3, 6, null, false, 0, 0, 0, 0, 0), Outcome.RUNNING, 3, 0, null),
                Arguments.of("work queue one ok", in(null, 3, 6, null, false, 2, 1, 0, 0, 5), Outcome.RUNNING, 0, 0, null),
                Arguments.of("work queue done", in(null, 3, 6, null, false, 0, 1, 0, 0, 9), Outcome.SUCCEEDED, 0, 0,
                        JobPlanner.COMPLETIONS_REACHED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void plan(String name, Input input, Outcome outcome, int create, int delete, String reason) {
        Plan plan = JobPlanner.plan(input);
        assertThat(plan.outcome()).isEqualTo(outcome);
        assertThat(plan.create()).isEqualTo(create);
        assertThat(plan.delete()).isEqualTo(delete);
        assertThat(plan.reason()).isEqualTo(reason);
    }

    @ParameterizedTest(name = "{0} s before the deadline")
    @CsvSource({"0, 30", "10, 20", "29, 1"})
    void runningJobLooksAgainAtItsDeadline(long elapsed, long left) {
        assertThat(JobPlanner.plan(in(1, 1, 6, 30L, false, 1, 0, 0, 0, elapsed)).deadlineIn())
                .isEqualTo(Duration.ofSeconds(left));
    }

    @ParameterizedTest(name = "{0} failures, last {1} s ago → wait {2} s")
    @CsvSource({"0, 0, 0", "1, 0, 10", "1, 4, 6", "2, 0, 20", "3, 0, 40", "10, 0, 360", "1, 30, 0"})
    void creationBackoffDoublesUpToTheCap(int failures, long ago, long wait) {
        Instant now = START.plusSeconds(100);
        assertThat(JobPlanner.creationBackoff(failures, now.minusSeconds(ago), now, Duration.ofSeconds(10),
                Duration.ofMinutes(6))).isEqualTo(Duration.ofSeconds(wait));
    }
}
