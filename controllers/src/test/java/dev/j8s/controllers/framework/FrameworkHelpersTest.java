package dev.j8s.controllers.framework;

import static org.assertj.core.api.Assertions.assertThat;

import dev.j8s.client.time.ManualScheduler;
import dev.j8s.controllers.ControllerTestSupport;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FrameworkHelpersTest {

    static Stream<Arguments> batches() {
        return Stream.of(
                Arguments.of(0, List.of()),
                Arguments.of(1, List.of(1)),
                Arguments.of(3, List.of(1, 2)),
                Arguments.of(10, List.of(1, 2, 4, 3)),
                Arguments.of(16, List.of(1, 2, 4, 8, 1)));
    }

    @ParameterizedTest
    @MethodSource("batches")
    void slowStartDoublesTheBatch(int count, List<Integer> sizes) {
        assertThat(SlowStartBatch.batchSizes(count, 1)).isEqualTo(sizes);
    }

    @Test
    void slowStartStopsAfterTheFirstBatchWithAFailure() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        try (ExecutorService executor = Executors.newFixedThreadPool(4)) {
            SlowStartBatch.Outcome outcome = SlowStartBatch.run(10, 1, executor, () -> {
                if (calls.incrementAndGet() > 2) {
                    throw new IllegalStateException("quota exceeded");
                }
            });
            // Batches 1 and 2 ran (3 calls, the third failed); batches 4 and 3 never started.
            assertThat(calls).hasValue(3);
            assertThat(outcome.successes()).isEqualTo(2);
            assertThat(outcome.firstError()).hasMessage("quota exceeded");
        }
    }

    @Test
    void expectationsHoldUntilObservedOrExpired() {
        ManualScheduler time = new ManualScheduler();
        Expectations expectations = new Expectations(time.clock(), Duration.ofMinutes(5));
        assertThat(expectations.satisfied("ns/rs")).isTrue();
        expectations.expectCreations("ns/rs", 2);
        expectations.creationObserved("ns/rs");
        assertThat(expectations.satisfied("ns/rs")).isFalse();
        expectations.creationObserved("ns/rs");
        assertThat(expectations.satisfied("ns/rs")).isTrue();

        expectations.expectDeletions("ns/rs", List.of("ns/a", "ns/b"));
        expectations.deletionObserved("ns/rs", "ns/a");
        expectations.deletionObserved("ns/rs", "ns/unrelated");
        assertThat(expectations.satisfied("ns/rs")).isFalse();
        time.advance(Duration.ofMinutes(5));
        assertThat(expectations.satisfied("ns/rs")).as("a lost event must not block forever").isTrue();
    }

    @Test
    void podTemplateHashIsStableSafeAndIgnoresItsOwnLabel() {
        PodTemplateSpec v1 = ControllerTestSupport.template(Map.of("app", "web"), "nginx:1");
        PodTemplateSpec v2 = ControllerTestSupport.template(Map.of("app", "web"), "nginx:2");
        String hash = PodTemplateHash.compute(v1, null);
        assertThat(hash).isEqualTo(PodTemplateHash.compute(Copies.deepCopy(v1), null))
                .matches("[bcdfghjklmnpqrstvwxz2456789]+");
        assertThat(PodTemplateHash.compute(v2, null)).isNotEqualTo(hash);
        assertThat(PodTemplateHash.compute(v1, 1)).isNotEqualTo(hash);

        PodTemplateSpec labelled = Copies.deepCopy(v1);
        labelled.getMetadata().setLabels(Map.of("app", "web", PodTemplateHash.LABEL, hash));
        assertThat(PodTemplateHash.equalIgnoringHash(v1, labelled)).isTrue();
        assertThat(PodTemplateHash.equalIgnoringHash(v1, v2)).isFalse();
        assertThat(PodTemplateHash.safeEncode("0123456789")).isEqualTo("456789bcdf");
    }
}
