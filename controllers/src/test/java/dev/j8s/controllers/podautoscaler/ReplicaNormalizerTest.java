package dev.j8s.controllers.podautoscaler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.j8s.client.time.ManualScheduler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBehavior;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBehaviorBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ReplicaNormalizerTest {

    private final ManualScheduler time = new ManualScheduler(Instant.parse("2025-01-01T12:00:00Z"));
    private final ReplicaNormalizer normalizer = new ReplicaNormalizer(time.clock());

    static Stream<Arguments> defaultLimits() {
        return Stream.of(
                // current, recommended, min, max, expected, reason
                Arguments.of(1, 4, 1, 10, 4, "DesiredWithinRange"),
                Arguments.of(1, 10, 1, 10, 5, "ScaleUpLimit"),     // max(1 + 4 pods, 1 * 200 %) = 5
                Arguments.of(10, 40, 1, 100, 20, "ScaleUpLimit"),  // max(10 + 4, 10 * 200 %) = 20
                Arguments.of(2, 8, 1, 3, 3, "TooManyReplicas"),
                Arguments.of(3, 3, 4, 10, 4, "TooFewReplicas"));
    }

    @ParameterizedTest(name = "{0} → {1} within [{2},{3}] gives {4} ({5})")
    @MethodSource("defaultLimits")
    void kubernetesDefaultScaleUpPolicies(int current, int recommended, int min, int max, int expected,
                                          String reason) {
        ReplicaNormalizer.Normalized n = normalizer.normalize("ns/hpa", current, recommended, min, max,
                ScalingRules.scaleUp(null), ScalingRules.scaleDown(null));
        assertThat(n.replicas()).isEqualTo(expected);
        assertThat(n.limitReason()).isEqualTo(reason);
    }

    @Test
    void scaleDownWaitsForTheDefaultFiveMinuteStabilizationWindow() {
        ScalingRules up = ScalingRules.scaleUp(null);
        ScalingRules down = ScalingRules.scaleDown(null);
        assertThat(normalizer.normalize("k", 4, 4, 1, 10, up, down).replicas()).isEqualTo(4);
        time.advance(Duration.ofSeconds(15));
        ReplicaNormalizer.Normalized held = normalizer.normalize("k", 4, 1, 1, 10, up, down);
        assertThat(held.replicas()).isEqualTo(4);
        assertThat(held.stabilizationReason()).isEqualTo("ScaleDownStabilized");
        time.advance(Duration.ofSeconds(290));
        ReplicaNormalizer.Normalized released = normalizer.normalize("k", 4, 1, 1, 10, up, down);
        assertThat(released.replicas()).isEqualTo(1);
        assertThat(released.stabilizationReason()).isEqualTo("ReadyForNewScale");
    }

    @Test
    void scaleUpRateCountsRecentScaleEvents() {
        ScalingRules up = ScalingRules.scaleUp(behavior("Pods", 2, 60, "Max", 0));
        ScalingRules down = ScalingRules.scaleDown(null);
        assertThat(normalizer.normalize("k", 2, 10, 1, 20, up, down).replicas()).isEqualTo(4);
        normalizer.recordScale("k", 2, 4, up, down);
        time.advance(Duration.ofSeconds(30));
        // Within the 60 s period the 2 pods just added use up the budget: period start 2, limit 4.
        ReplicaNormalizer.Normalized n = normalizer.normalize("k", 4, 10, 1, 20, up, down);
        assertThat(n.replicas()).isEqualTo(4);
        assertThat(n.limitReason()).isEqualTo("ScaleUpLimit");
        time.advance(Duration.ofSeconds(31));
        assertThat(normalizer.normalize("k", 4, 10, 1, 20, up, down).replicas()).isEqualTo(6);
    }

    @Test
    void selectPolicyMinTakesTheSmallestChangeAndDisabledNone() {
        HorizontalPodAutoscalerBehavior min = new HorizontalPodAutoscalerBehaviorBuilder().withNewScaleDown()
                .withStabilizationWindowSeconds(0).withSelectPolicy("Min")
                .addNewPolicy().withType("Pods").withValue(1).withPeriodSeconds(15).endPolicy()
                .addNewPolicy().withType("Percent").withValue(50).withPeriodSeconds(15).endPolicy()
                .endScaleDown().build();
        assertThat(normalizer.normalize("a", 10, 1, 1, 10, ScalingRules.scaleUp(min), ScalingRules.scaleDown(min))
                .replicas()).isEqualTo(9);
        HorizontalPodAutoscalerBehavior disabled = behavior("Pods", 4, 15, "Disabled", 0);
        assertThat(normalizer.normalize("b", 2, 8, 1, 10, ScalingRules.scaleUp(disabled),
                ScalingRules.scaleDown(null)).replicas()).isEqualTo(2);
    }

    @Test
    void aZeroScaleDownWindowScalesDownAtOnce() {
        HorizontalPodAutoscalerBehavior quick = new HorizontalPodAutoscalerBehaviorBuilder().withNewScaleDown()
                .withStabilizationWindowSeconds(0).endScaleDown().build();
        ScalingRules down = ScalingRules.scaleDown(quick);
        assertThat(down.policies()).containsExactly(new ScalingRules.Policy("Percent", 100, 15));
        assertThat(normalizer.normalize("k", 4, 4, 1, 10, ScalingRules.scaleUp(quick), down).replicas()).isEqualTo(4);
        assertThat(normalizer.normalize("k", 4, 1, 1, 10, ScalingRules.scaleUp(quick), down).replicas()).isEqualTo(1);
    }

    private static HorizontalPodAutoscalerBehavior behavior(String type, int value, int period, String select,
                                                            int window) {
        return new HorizontalPodAutoscalerBehaviorBuilder().withNewScaleUp().withStabilizationWindowSeconds(window)
                .withSelectPolicy(select).withPolicies(List.of(new io.fabric8.kubernetes.api.model.autoscaling.v2
                        .HPAScalingPolicyBuilder().withType(type).withValue(value).withPeriodSeconds(period).build()))
                .endScaleUp().build();
    }
}
