package dev.j8s.client.leaderelection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.j8s.client.ApiServerFixture;
import dev.j8s.client.KubeClient;
import dev.j8s.client.SharedApiServer;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Two candidates on one real Lease through the API server, with short timings. */
@ExtendWith(SharedApiServer.class)
class LeaderElectionTest {

    private static final LeaderElectionConfig FAST = LeaderElectionConfig.DEFAULTS.withTimings(
            Duration.ofSeconds(2), Duration.ofMillis(1500), Duration.ofMillis(200));

    @Test
    void exactlyOneLeadsAndTheOtherTakesOverWhenItStops(ApiServerFixture fixture) throws Exception {
        KubeClient first = fixture.newClient();
        KubeClient second = fixture.newClient();
        List<String> events = new CopyOnWriteArrayList<>();
        LeaderElector a = elector(first, "a", events);
        LeaderElector b = elector(second, "b", events);
        try (a; b) {
            a.start();
            b.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> a.isLeader() || b.isLeader());
            LeaderElector leader = a.isLeader() ? a : b;
            LeaderElector follower = leader == a ? b : a;
            String leaderId = leader == a ? "a" : "b";
            String followerId = leader == a ? "b" : "a";

            // Several renewals later the leader still holds it and the other never led.
            Lease held = first.resources(Lease.class).get("default", "election");
            await().atMost(Duration.ofSeconds(10)).until(() -> !first.resources(Lease.class)
                    .get("default", "election").getSpec().getRenewTime().equals(held.getSpec().getRenewTime()));
            await().atMost(Duration.ofSeconds(10)).until(() -> follower.observedLeader().equals(leaderId));
            assertThat(follower.isLeader()).isFalse();
            Lease renewed = first.resources(Lease.class).get("default", "election");
            assertThat(renewed.getSpec().getHolderIdentity()).isEqualTo(leaderId);
            assertThat(renewed.getSpec().getLeaseDurationSeconds()).isEqualTo(2);
            assertThat(renewed.getSpec().getAcquireTime()).isEqualTo(held.getSpec().getAcquireTime());

            long stoppedAt = System.nanoTime();
            leader.stop();
            await().atMost(Duration.ofSeconds(10)).until(follower::isLeader);
            // Released, not expired: the follower's next attempt (≤ 0.2 s × 2.2 jitter) takes it.
            assertThat(Duration.ofNanos(System.nanoTime() - stoppedAt)).isLessThan(Duration.ofSeconds(2));
            Lease taken = first.resources(Lease.class).get("default", "election");
            assertThat(taken.getSpec().getHolderIdentity()).isEqualTo(followerId);
            assertThat(taken.getSpec().getLeaseTransitions()).isEqualTo(1);
            assertThat(events).containsExactly(leaderId + " started", leaderId + " stopped", followerId + " started");
        }
        // A closed elector's timer thread may still be exiting for a moment after close() returns.
        await().atMost(Duration.ofSeconds(5)).until(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.isAlive() && t.getName().startsWith("j8s-leader-election-")));
    }

    private static LeaderElector elector(KubeClient client, String identity, List<String> events) {
        LeaseLock lock = new ApiLeaseLock(client.resources(Lease.class), "default", "election", identity);
        return new LeaderElector(identity, lock, FAST, new LeaderCallbacks() {
            @Override
            public void onStartedLeading() {
                events.add(identity + " started");
            }

            @Override
            public void onStoppedLeading() {
                events.add(identity + " stopped");
            }
        });
    }
}
