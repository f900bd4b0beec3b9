package dev.j8s.controllers.podautoscaler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ReplicaCalculatorTest {

    private static final Instant NOW = Instant.parse("2025-01-01T12:00:00Z");
    private static final Instant LONG_AGO = NOW.minus(Duration.ofHours(1));
    private final ReplicaCalculator calculator = new ReplicaCalculator(Clock.fixed(NOW, ZoneOffset.UTC));

    /** A ready pod started long ago with a 100m request and the given usage (null: no metric). */
    private static PodSample ready(String name, Long usage) {
        return new PodSample(name, 100, usage, true, LONG_AGO, LONG_AGO.plusSeconds(5), false, false);
    }

    private static PodSample unreadyStarting(String name, Long usage) {
        return new PodSample(name, 100, usage, false, NOW.minusSeconds(10), NOW.minusSeconds(10), false, false);
    }

    private static PodSample deleted(String name, Long usage) {
        return new PodSample(name, 100, usage, true, LONG_AGO, LONG_AGO, true, false);
    }

    static Stream<Arguments> utilizationCases() {
        return Stream.of(
                // name, current replicas, target %, pods, expected replicas, expected utilization
                Arguments.of("200% of a 50% target quadruples", 1, 50, List.of(ready("a", 200L)), 4, 200),
                Arguments.of("within tolerance nothing changes", 3, 50,
                        List.of(ready("a", 52L), ready("b", 54L), ready("c", 50L)), 3, 52),
                Arguments.of("just outside tolerance scales", 2, 50, List.of(ready("a", 60L), ready("b", 60L)), 3, 60),
                Arguments.of("low usage scales down", 4, 50,
                        List.of(ready("a", 10L), ready("b", 10L), ready("c", 10L), ready("d", 10L)), 1, 10),
                Arguments.of("deleted pods are ignored", 2, 50, List.of(ready("a", 100L), deleted("b", 0L)), 2, 100),
                Arguments.of("a pod without metrics damps a scale-down (counted at 100%)", 3, 50,
                        List.of(ready("a", 10L), ready("b", 10L), ready("c", null)), 3, 10),
                Arguments.of("a pod without metrics counts as idle on scale-up", 2, 50,
                        List.of(ready("a", 200L), ready("b", null)), 4, 200),
                Arguments.of("an unready starting pod counts as idle on scale-up", 2, 50,
                        List.of(ready("a", 100L), unreadyStarting("b", 300L)), 2, 100),
                Arguments.of("an unready starting pod is left out when not scaling up", 3, 100,
                        List.of(ready("a", 20L), ready("b", 20L), unreadyStarting("c", 0L)), 1, 20));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("utilizationCases")
    void utilization(String name, int current, int target, List<PodSample> pods, int replicas, long utilization)
            throws Exception {
        ReplicaCalculator.Proposal p = calculator.utilization(current, target, "cpu", pods);
        assertThat(p.replicas()).isEqualTo(replicas);
        assertThat(p.utilization()).isEqualTo(utilization);
    }

    static Stream<Arguments> averageValueCases() {
        return Stream.of(
                Arguments.of("twice the average doubles", 2, 100L, List.of(ready("a", 200L), ready("b", 200L)), 4),
                Arguments.of("half the average halves", 4, 100L,
                        List.of(ready("a", 50L), ready("b", 50L), ready("c", 50L), ready("d", 50L)), 2),
                Arguments.of("within tolerance nothing changes", 2, 100L,
                        List.of(ready("a", 105L), ready("b", 95L)), 2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("averageValueCases")
    void averageValue(String name, int current, long target, List<PodSample> pods, int replicas) throws Exception {
        assertThat(calculator.averageValue(current, target, "memory", pods).replicas()).isEqualTo(replicas);
    }

    static Stream<Arguments> failures() {
        List<PodSample> noRequest = new ArrayList<>();
        noRequest.add(new PodSample("a", -1, 10L, true, LONG_AGO, LONG_AGO, false, false));
        return Stream.of(
                Arguments.of(List.of(), "no pods returned by selector while calculating replica count"),
                Arguments.of(List.of(ready("a", null)),
                        "unable to get metrics for resource cpu: no metrics returned from resource metrics API"),
                Arguments.of(List.of(unreadyStarting("a", 10L)),
                        "did not receive metrics for targeted pods (pods might be unready)"),
                Arguments.of(noRequest, "missing request for cpu in pod a"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("failures")
    void failuresCarryKubernetesMessages(List<PodSample> pods, String message) {
        assertThatThrownBy(() -> calculator.utilization(1, 50, "cpu", pods))
                .isInstanceOf(ReplicaCalculator.MetricsUnavailable.class).hasMessage(message);
    }
}
