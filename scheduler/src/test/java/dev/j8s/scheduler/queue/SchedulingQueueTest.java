package dev.j8s.scheduler.queue;

import static dev.j8s.scheduler.testing.TestPod.pod;
import static org.assertj.core.api.Assertions.assertThat;

import dev.j8s.scheduler.testing.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SchedulingQueueTest {

    private final FakeClock clock = new FakeClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final SchedulingQueue queue = new SchedulingQueue(clock);

    record BackoffCase(int attempts, Duration backoff) {
    }

    static Stream<BackoffCase> backoffCases() {
        return Stream.of(new BackoffCase(1, Duration.ofSeconds(1)), new BackoffCase(2, Duration.ofSeconds(2)),
                new BackoffCase(3, Duration.ofSeconds(4)), new BackoffCase(4, Duration.ofSeconds(8)),
                new BackoffCase(5, Duration.ofSeconds(10)), new BackoffCase(20, Duration.ofSeconds(10)));
    }

    @ParameterizedTest
    @MethodSource("backoffCases")
    void backoffDoublesFromOneSecondUpToTen(BackoffCase c) {
        assertThat(SchedulingQueue.backoffDuration(c.attempts())).isEqualTo(c.backoff());
    }

    @Test
    void popsHigherPriorityFirstThenOlder() {
        queue.add(pod("low").priority(1).build());
        clock.advance(Duration.ofMillis(1));
        queue.add(pod("high-late").priority(100).build());
        clock.advance(Duration.ofMillis(1));
        queue.add(pod("mid-early").priority(50).build());
        clock.advance(Duration.ofMillis(1));
        queue.add(pod("mid-late").priority(50).build());

        assertThat(Stream.generate(queue::poll).limit(4).map(q -> q.podInfo().name()))
                .containsExactly("high-late", "mid-early", "mid-late", "low");
        assertThat(queue.poll()).isNull();
    }

    @Test
    void failedPodWaitsOutItsBackoff() {
        queue.add(pod("p").build());
        QueuedPodInfo popped = queue.poll();
        queue.addBackoff(popped);
        assertThat(queue.backoffCount()).isEqualTo(1);

        clock.advance(Duration.ofMillis(999));
        queue.flushBackoffCompleted();
        assertThat(queue.poll()).isNull();

        clock.advance(Duration.ofMillis(1));
        queue.flushBackoffCompleted();
        QueuedPodInfo again = queue.poll();
        assertThat(again.podInfo().name()).isEqualTo("p");
        assertThat(again.attempts()).isEqualTo(2);
    }

    @Test
    void unschedulablePodWaitsForAHelpfulEvent() {
        queue.add(pod("p").build());
        QueuedPodInfo popped = queue.poll();
        popped.setUnschedulablePlugins(Set.of("NodeAffinity"));
        queue.addUnschedulable(popped, queue.schedulingCycle());
        assertThat(queue.unschedulableCount()).isEqualTo(1);

        // a deleted pod frees resources, which NodeAffinity does not care about
        queue.moveAllToActiveOrBackoff(ClusterEvent.ASSIGNED_POD_DELETE);
        assertThat(queue.unschedulableCount()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(2));
        queue.moveAllToActiveOrBackoff(ClusterEvent.NODE_UPDATE);
        assertThat(queue.unschedulableCount()).isZero();
        assertThat(queue.poll().podInfo().name()).isEqualTo("p");
    }

    @Test
    void eventWhileStillBackingOffGoesToBackoffQ() {
        queue.add(pod("p").build());
        QueuedPodInfo popped = queue.poll();
        queue.addUnschedulable(popped, queue.schedulingCycle());
        queue.moveAllToActiveOrBackoff(ClusterEvent.NODE_ADD);
        assertThat(queue.backoffCount()).isEqualTo(1);
        assertThat(queue.poll()).isNull();
        clock.advance(Duration.ofSeconds(1));
        queue.flushBackoffCompleted();
        assertThat(queue.poll()).isNotNull();
    }

    @Test
    void eventDuringTheCycleIsNotLost() {
        queue.add(pod("p").build());
        QueuedPodInfo popped = queue.poll();
        long cycle = queue.schedulingCycle();
        // a node arrives while the pod is being scheduled against the old snapshot
        queue.moveAllToActiveOrBackoff(ClusterEvent.NODE_ADD);
        queue.addUnschedulable(popped, cycle);
        assertThat(queue.unschedulableCount()).isZero();
        assertThat(queue.backoffCount()).isEqualTo(1);
    }

    @Test
    void parkedPodsAreRetriedAfterFiveMinutes() {
        queue.add(pod("p").build());
        QueuedPodInfo popped = queue.poll();
        queue.addUnschedulable(popped, queue.schedulingCycle());

        clock.advance(Duration.ofMinutes(5).minusSeconds(1));
        queue.flushUnschedulableLeftover();
        assertThat(queue.unschedulableCount()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(1));
        queue.flushUnschedulableLeftover();
        assertThat(queue.unschedulableCount()).isZero();
        assertThat(queue.poll()).isNotNull();
    }

    @Test
    void deletedPodLeavesEveryPart() {
        queue.add(pod("a").build());
        queue.add(pod("b").build());
        QueuedPodInfo b = queue.poll();
        queue.addUnschedulable(b, queue.schedulingCycle());
        queue.delete(pod("a").build());
        queue.delete(pod("b").build());
        assertThat(queue.activeCount() + queue.backoffCount() + queue.unschedulableCount()).isZero();
    }

    @Test
    void updatingAParkedPodRetriesIt() {
        queue.add(pod("p").build());
        QueuedPodInfo popped = queue.poll();
        queue.addUnschedulable(popped, queue.schedulingCycle());
        clock.advance(Duration.ofSeconds(1));
        queue.update(pod("p").toleration("k", "Exists", null, null).build());
        QueuedPodInfo retried = queue.poll();
        assertThat(retried.podInfo().tolerations()).hasSize(1);
    }

    @Test
    void podDeletedWhileInFlightIsNotRequeued() {
        queue.add(pod("p").build());
        QueuedPodInfo popped = queue.poll();
        queue.delete(pod("p").build());
        queue.addUnschedulable(popped, queue.schedulingCycle());
        assertThat(queue.activeCount() + queue.backoffCount() + queue.unschedulableCount()).isZero();
    }

    @Test
    void podUpdatedWhileInFlightComesBackUpdatedAndIsRetried() {
        queue.add(pod("p").build());
        QueuedPodInfo popped = queue.poll();
        queue.update(pod("p").toleration("k", "Exists", null, null).build());
        queue.addUnschedulable(popped, queue.schedulingCycle());
        assertThat(queue.unschedulableCount()).isZero();
        clock.advance(Duration.ofSeconds(1));
        queue.flushBackoffCompleted();
        assertThat(queue.poll().podInfo().tolerations()).hasSize(1);
    }

    @Test
    void popBlocksUntilAPodArrivesAndReturnsNullAfterClose() throws Exception {
        CompletableFuture<String> popped = CompletableFuture.supplyAsync(() -> {
            try {
                return queue.pop().podInfo().name();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(popped).isNotDone();
        queue.add(pod("p").build());
        assertThat(popped.get(5, TimeUnit.SECONDS)).isEqualTo("p");

        CompletableFuture<QueuedPodInfo> afterClose = CompletableFuture.supplyAsync(() -> {
            try {
                return queue.pop();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        queue.close();
        assertThat(afterClose.get(5, TimeUnit.SECONDS)).isNull();
    }
}
