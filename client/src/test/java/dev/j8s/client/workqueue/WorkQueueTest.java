package dev.j8s.client.workqueue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.j8s.client.time.ManualScheduler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WorkQueueTest {

    private final ManualScheduler time = new ManualScheduler();

    @Test
    void waitingKeysAreDeduplicatedAndHandedOutInOrder() throws Exception {
        WorkQueue<String> queue = new WorkQueue<>();
        queue.add("a");
        queue.add("b");
        queue.add("a");
        assertThat(queue.length()).isEqualTo(2);
        assertThat(queue.get()).isEqualTo("a");
        assertThat(queue.get()).isEqualTo("b");
        assertThat(queue.poll(Duration.ZERO)).isNull();
    }

    @Test
    void aKeyAddedWhileProcessingWaitsUntilDoneSoNoTwoWorkersHoldIt() throws Exception {
        WorkQueue<String> queue = new WorkQueue<>();
        queue.add("a");
        String first = queue.get();
        queue.add("a");
        assertThat(queue.length()).as("dirty while processing, not queued").isZero();
        assertThat(queue.poll(Duration.ofMillis(20))).as("a second worker gets nothing").isNull();
        queue.done(first);
        assertThat(queue.length()).isEqualTo(1);
        assertThat(queue.get()).isEqualTo("a");
        queue.done("a");
        assertThat(queue.length()).isZero();
    }

    @Test
    void shutDownReleasesBlockedWorkersAfterTheQueueDrains() throws Exception {
        WorkQueue<String> queue = new WorkQueue<>();
        CompletableFuture<String> blocked = CompletableFuture.supplyAsync(() -> {
            try {
                return queue.get();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        queue.add("last");
        assertThat(blocked.get(5, TimeUnit.SECONDS)).isEqualTo("last");
        queue.add("left");
        queue.shutDown();
        queue.add("ignored");
        assertThat(queue.get()).isEqualTo("left");
        assertThat(queue.get()).isNull();
    }

    @Test
    void addAfterReleasesTheKeyWhenTheFakeClockPassesItsDelay() throws Exception {
        DelayingQueue<String> queue = new DelayingQueue<>(time);
        queue.addAfter("later", Duration.ofSeconds(10));
        queue.addAfter("later", Duration.ofSeconds(30));
        queue.addAfter("sooner", Duration.ofSeconds(5));
        assertThat(queue.length()).isZero();
        assertThat(queue.delayedLength()).isEqualTo(2);

        time.advance(Duration.ofSeconds(5));
        assertThat(queue.get()).isEqualTo("sooner");
        time.advance(Duration.ofMillis(4999));
        assertThat(queue.length()).isZero();
        time.advance(Duration.ofMillis(1));
        assertThat(queue.get()).isEqualTo("later");
        time.advance(Duration.ofSeconds(60));
        assertThat(queue.length()).as("the later duplicate was folded into the earlier one").isZero();
    }

    @Test
    void addAfterAnEarlierTimeWinsOverAPendingLaterOne() throws Exception {
        DelayingQueue<String> queue = new DelayingQueue<>(time);
        queue.addAfter("k", Duration.ofSeconds(30));
        queue.addAfter("k", Duration.ofSeconds(1));
        time.advance(Duration.ofSeconds(1));
        assertThat(queue.get()).isEqualTo("k");
        queue.done("k");
        time.advance(Duration.ofSeconds(30));
        assertThat(queue.length()).isZero();
    }

    static Stream<Arguments> backoffs() {
        return Stream.of(
                Arguments.of(1, Duration.ofMillis(5)),
                Arguments.of(2, Duration.ofMillis(10)),
                Arguments.of(3, Duration.ofMillis(20)),
                Arguments.of(10, Duration.ofMillis(2560)),
                Arguments.of(18, Duration.ofMillis(655_360)),
                Arguments.of(19, Duration.ofSeconds(1000)),
                Arguments.of(200, Duration.ofSeconds(1000)));
    }

    @ParameterizedTest
    @MethodSource("backoffs")
    void exponentialBackoffDoublesFromFiveMillisecondsUpToTheCap(int failures, Duration expected) {
        ExponentialBackoffRateLimiter<String> limiter = ExponentialBackoffRateLimiter.withDefaults();
        Duration last = null;
        for (int i = 0; i < failures; i++) {
            last = limiter.when("k");
        }
        assertThat(last).isEqualTo(expected);
        assertThat(limiter.numRequeues("k")).isEqualTo(failures);
    }

    @Test
    void rateLimitedRequeuesBackOffPerKeyAndForgetResets() throws Exception {
        RateLimitingQueue<String> queue = new RateLimitingQueue<>(time, ExponentialBackoffRateLimiter.withDefaults());
        queue.addRateLimited("k");
        queue.addRateLimited("other");
        time.advance(Duration.ofMillis(5));
        assertThat(List.of(queue.get(), queue.get())).containsExactlyInAnyOrder("k", "other");
        queue.done("k");
        queue.addRateLimited("k");
        time.advance(Duration.ofMillis(9));
        assertThat(queue.length()).as("second failure waits 10 ms").isZero();
        time.advance(Duration.ofMillis(1));
        assertThat(queue.get()).isEqualTo("k");
        queue.done("k");
        assertThat(queue.numRequeues("k")).isEqualTo(2);

        queue.forget("k");
        assertThat(queue.numRequeues("k")).isZero();
        queue.addRateLimited("k");
        time.advance(Duration.ofMillis(5));
        assertThat(queue.get()).isEqualTo("k");
    }

    @Test
    void theDefaultControllerLimiterAlsoCapsOverallThroughput() {
        RateLimiter<String> limiter = MaxOfRateLimiter.controllerDefault(time.clock());
        for (int i = 0; i < 100; i++) {
            assertThat(limiter.when("key-" + i)).isEqualTo(Duration.ofMillis(5));
        }
        assertThat(limiter.when("key-100")).as("burst of 100 spent: 10 qps").isEqualTo(Duration.ofMillis(100));
        time.advance(Duration.ofSeconds(1));
        assertThat(limiter.when("key-101")).isEqualTo(Duration.ofMillis(5));
    }
}
