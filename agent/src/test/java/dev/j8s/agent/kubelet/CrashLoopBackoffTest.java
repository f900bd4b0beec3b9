package dev.j8s.agent.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.j8s.client.time.ManualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CrashLoopBackoffTest {

    /** A container that crashes {@code crashes} times after running {@code runFor}: the wait before the last restart. */
    record Case(String name, int crashes, Duration runFor, Duration expectedWait) {}

    static List<Case> cases() {
        return List.of(
                new Case("first crash restarts at once", 1, Duration.ofSeconds(1), Duration.ZERO),
                new Case("second waits 10s", 2, Duration.ofSeconds(1), Duration.ofSeconds(10)),
                new Case("third waits 20s", 3, Duration.ofSeconds(1), Duration.ofSeconds(20)),
                new Case("sixth waits 160s", 6, Duration.ofSeconds(1), Duration.ofSeconds(160)),
                new Case("capped at 5 min", 9, Duration.ofSeconds(1), Duration.ofMinutes(5)),
                new Case("a 10 min run resets", 5, Duration.ofMinutes(10), Duration.ZERO));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void waitsDoubleFromTenSecondsUpToFiveMinutes(Case c) {
        ManualScheduler time = new ManualScheduler(Instant.parse("2026-01-01T00:00:00Z"));
        CrashLoopBackoff backoff = new CrashLoopBackoff(time.clock());
        String key = CrashLoopBackoff.key("uid", "app");
        Duration wait = Duration.ZERO;
        for (int i = 0; i < c.crashes(); i++) {
            Instant started = time.now();
            time.advance(c.runFor());
            Instant finished = time.now();
            wait = backoff.remaining(key, started, finished);
            time.advance(wait);
            assertThat(backoff.remaining(key, started, finished)).isZero();
            backoff.restarted(key, started, finished);
        }
        assertThat(wait).isEqualTo(c.expectedWait());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void forgettingThePodStartsOver(Case c) {
        ManualScheduler time = new ManualScheduler(Instant.parse("2026-01-01T00:00:00Z"));
        CrashLoopBackoff backoff = new CrashLoopBackoff(time.clock());
        String key = CrashLoopBackoff.key("uid", "app");
        for (int i = 0; i < c.crashes(); i++) {
            backoff.restarted(key, time.now(), time.now());
        }
        backoff.forget("uid");
        assertThat(backoff.remaining(key, time.now(), time.now())).isZero();
    }
}
