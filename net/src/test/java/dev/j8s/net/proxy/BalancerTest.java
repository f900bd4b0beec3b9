package dev.j8s.net.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BalancerTest {

    private static final Backend A = new Backend("10.42.0.5", 80);
    private static final Backend B = new Backend("10.42.0.6", 80);
    private static final Backend C = new Backend("10.42.0.7", 80);

    /** A clock the test moves. */
    private static final class TestClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    }

    @Test
    void roundRobinVisitsEveryBackendInTurn() {
        Balancer balancer = new Balancer(Clock.systemUTC());
        balancer.update(List.of(A, B, C), 0);
        List<Backend> picks = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            picks.add(balancer.pick("1.2.3.4", Set.of()));
        }
        assertThat(picks).containsExactly(A, B, C, A, B, C);
    }

    @Test
    void failedBackendsAreSkippedAndNoneLeftIsNull() {
        Balancer balancer = new Balancer(Clock.systemUTC());
        balancer.update(List.of(A, B), 0);
        assertThat(balancer.pick(null, Set.of(A))).isEqualTo(B);
        assertThat(balancer.pick(null, Set.of(A))).isEqualTo(B);
        assertThat(balancer.pick(null, Set.of(A, B))).isNull();
        balancer.update(List.of(), 0);
        assertThat(balancer.pick(null, Set.of())).isNull();
    }

    @Test
    void clientIpAffinityHoldsUntilItsTimeoutWithoutNewConnections() {
        TestClock clock = new TestClock();
        Balancer balancer = new Balancer(clock);
        balancer.update(List.of(A, B), 60);
        Backend first = balancer.pick("1.2.3.4", Set.of());
        balancer.connected("1.2.3.4", first);
        for (int i = 0; i < 5; i++) {
            clock.now = clock.now.plus(Duration.ofSeconds(59));
            Backend again = balancer.pick("1.2.3.4", Set.of());
            assertThat(again).isEqualTo(first);
            balancer.connected("1.2.3.4", again);
        }
        // Another client is balanced on its own.
        assertThat(balancer.pick("5.6.7.8", Set.of())).isNotNull();

        clock.now = clock.now.plus(Duration.ofSeconds(60));
        List<Backend> after = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            after.add(balancer.pick("1.2.3.4", Set.of()));
        }
        assertThat(after).containsExactlyInAnyOrder(A, B);
    }

    @Test
    void affinityToABackendThatFailedOrLeftIsNotUsed() {
        Balancer balancer = new Balancer(Clock.systemUTC());
        balancer.update(List.of(A, B), 60);
        balancer.connected("1.2.3.4", A);
        assertThat(balancer.pick("1.2.3.4", Set.of())).isEqualTo(A);
        assertThat(balancer.pick("1.2.3.4", Set.of(A))).isEqualTo(B);
        balancer.update(List.of(B), 60);
        assertThat(balancer.pick("1.2.3.4", Set.of())).isEqualTo(B);
    }
}
