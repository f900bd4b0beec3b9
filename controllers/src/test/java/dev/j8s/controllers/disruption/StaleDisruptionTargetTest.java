package dev.j8s.controllers.disruption;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** When a pod's DisruptionTarget condition becomes stale (nonTerminatingPodHasStaleDisruptionCondition). */
class StaleDisruptionTargetTest {

    static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("marked 30 s ago: 90 s to go", pod("True", "EvictionByEvictionAPI", "Running", null,
                        "2026-01-01T11:59:30Z"), Optional.of(Duration.ofSeconds(90))),
                Arguments.of("marked 3 min ago: stale now", pod("True", "EvictionByEvictionAPI", "Running", null,
                        "2026-01-01T11:57:00Z"), Optional.of(Duration.ofSeconds(-60))),
                Arguments.of("already False", pod("False", "EvictionByEvictionAPI", "Running", null,
                        "2026-01-01T11:57:00Z"), Optional.empty()),
                Arguments.of("set by the kubelet", pod("True", "TerminationByKubelet", "Running", null,
                        "2026-01-01T11:57:00Z"), Optional.empty()),
                Arguments.of("pod finished", pod("True", "EvictionByEvictionAPI", "Failed", null,
                        "2026-01-01T11:57:00Z"), Optional.empty()),
                Arguments.of("pod being deleted", pod("True", "EvictionByEvictionAPI", "Running",
                        "2026-01-01T11:58:00Z", "2026-01-01T11:57:00Z"), Optional.empty()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void cleanupIn(String name, Pod pod, Optional<Duration> expected) {
        assertThat(StaleDisruptionTarget.cleanupIn(pod, NOW)).isEqualTo(expected);
    }

    static Pod pod(String status, String reason, String phase, String deletionTimestamp, String since) {
        return new PodBuilder().withNewMetadata().withName("p").withDeletionTimestamp(deletionTimestamp).endMetadata()
                .withNewStatus().withPhase(phase).addNewCondition().withType("DisruptionTarget").withStatus(status)
                .withReason(reason).withLastTransitionTime(since).endCondition().endStatus().build();
    }
}
