package dev.j8s.agent.kubelet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.j8s.client.time.ManualScheduler;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class TerminationDrainTest {

    private static Pod pod(String ready) {
        PodBuilder b = new PodBuilder().withNewMetadata().withName("web").endMetadata();
        if (ready != null) {
            b.withNewStatus().addNewCondition().withType("Ready").withStatus(ready).endCondition().endStatus();
        }
        return b.build();
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                // ready, configured, grace, expected
                Arguments.of("True", 2_000, 30_000, 2_000),
                Arguments.of("True", 5_000, 3_000, 3_000),   // capped by the grace period
                Arguments.of("True", 0, 30_000, 0),          // disabled
                Arguments.of("True", 2_000, 0, 0),           // forced deletion (grace 0)
                Arguments.of("False", 2_000, 30_000, 0),     // not Ready: no endpoint sends it traffic
                Arguments.of(null, 2_000, 30_000, 0));       // never reported a status
    }

    @ParameterizedTest
    @MethodSource("cases")
    void delay(String ready, long configuredMs, long graceMs, long expectedMs) {
        assertThat(TerminationDrain.delay(pod(ready), Duration.ofMillis(configuredMs), Duration.ofMillis(graceMs)))
                .isEqualTo(Duration.ofMillis(expectedMs));
    }

    @Test
    void aReadyPodWaitsForTheDelayOnTheSchedulersClock() {
        ManualScheduler time = new ManualScheduler();
        TerminationDrain drain = new TerminationDrain(Duration.ofSeconds(2), time);
        CompletableFuture<Duration> drained = CompletableFuture.supplyAsync(() -> {
            try {
                return drain.await(pod("True"), Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> time.pendingTasks() == 1);
        time.advance(Duration.ofMillis(1_999));
        assertThat(drained).isNotDone();
        time.advance(Duration.ofMillis(1));
        assertThat(drained).succeedsWithin(Duration.ofSeconds(5)).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void aPodThatWasNotReadyDoesNotWait() throws InterruptedException {
        ManualScheduler time = new ManualScheduler();
        assertThat(new TerminationDrain(Duration.ofSeconds(2), time).await(pod("False"), Duration.ofSeconds(30)))
                .isZero();
        assertThat(time.pendingTasks()).isZero();
    }
}
