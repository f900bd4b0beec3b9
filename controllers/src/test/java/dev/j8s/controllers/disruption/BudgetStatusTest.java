package dev.j8s.controllers.disruption;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetStatus;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The status written on a budget: disruptionsAllowed, the DisruptionAllowed condition, failSafe. */
class BudgetStatusTest {

    static final Instant T0 = Instant.parse("2026-01-01T12:00:00Z");
    static final Instant T1 = Instant.parse("2026-01-01T12:05:00Z");

    record Case(String name, BudgetStatus.Counts counts, int allowed, String status, String reason) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("one more healthy than desired", counts(3, 2, 3), 1, "True", "SufficientPods"),
                new Case("exactly the desired", counts(2, 2, 3), 0, "False", "InsufficientPods"),
                new Case("fewer than desired is zero, not negative", counts(1, 2, 3), 0, "False", "InsufficientPods"),
                new Case("nothing expected allows nothing", counts(2, 0, 0), 0, "False", "InsufficientPods"),
                new Case("all may go when none is desired", counts(3, 0, 3), 3, "True", "SufficientPods"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void disruptionsAllowedAndCondition(Case c) {
        PodDisruptionBudgetStatus status = BudgetStatus.next(budget(4, null), c.counts(), T0).orElseThrow();
        assertThat(status.getDisruptionsAllowed()).isEqualTo(c.allowed());
        assertThat(status.getCurrentHealthy()).isEqualTo(c.counts().currentHealthy());
        assertThat(status.getDesiredHealthy()).isEqualTo(c.counts().desiredHealthy());
        assertThat(status.getExpectedPods()).isEqualTo(c.counts().expectedPods());
        assertThat(status.getObservedGeneration()).isEqualTo(4L);
        Condition condition = BudgetStatus.find(status.getConditions()).orElseThrow();
        assertThat(condition.getStatus()).isEqualTo(c.status());
        assertThat(condition.getReason()).isEqualTo(c.reason());
        assertThat(condition.getObservedGeneration()).isEqualTo(4L);
        assertThat(condition.getLastTransitionTime()).isEqualTo("2026-01-01T12:00:00Z");
    }

    @Test
    void anUpToDateStatusIsNotWrittenAgainButANewGenerationIs() {
        BudgetStatus.Counts counts = counts(3, 2, 3);
        PodDisruptionBudgetStatus first = BudgetStatus.next(budget(1, null), counts, T0).orElseThrow();
        assertThat(BudgetStatus.next(budget(1, first), counts, T1)).isEmpty();
        assertThat(BudgetStatus.next(budget(2, first), counts, T1)).isPresent();
        assertThat(BudgetStatus.next(budget(1, first), counts(3, 2, 3, Map.of("web-1", "2026-01-01T12:04:00Z")), T1))
                .as("a changed disruptedPods map").isPresent();
    }

    @Test
    void theTransitionTimeMovesOnlyWhenTheStatusFlips() {
        PodDisruptionBudgetStatus open = BudgetStatus.next(budget(1, null), counts(3, 1, 3), T0).orElseThrow();
        PodDisruptionBudgetStatus stillOpen = BudgetStatus.next(budget(1, open), counts(2, 1, 3), T1).orElseThrow();
        assertThat(BudgetStatus.find(stillOpen.getConditions()).orElseThrow().getLastTransitionTime())
                .isEqualTo("2026-01-01T12:00:00Z");
        PodDisruptionBudgetStatus closed = BudgetStatus.next(budget(1, stillOpen), counts(1, 1, 3), T1).orElseThrow();
        assertThat(BudgetStatus.find(closed.getConditions()).orElseThrow().getLastTransitionTime())
                .isEqualTo("2026-01-01T12:05:00Z");
        assertThat(closed.getConditions()).hasSize(1);
    }

    @Test
    void failSafeClosesTheBudgetAndSaysWhy() {
        PodDisruptionBudgetStatus open = BudgetStatus.next(budget(3, null), counts(3, 1, 3), T0).orElseThrow();
        PodDisruptionBudgetStatus failed = BudgetStatus.failSafe(budget(4, open), "found no controllers for pod \"x\"",
                T1);
        assertThat(failed.getDisruptionsAllowed()).isZero();
        assertThat(failed.getCurrentHealthy()).as("the rest is kept").isEqualTo(3);
        assertThat(failed.getObservedGeneration()).as("the new generation is not observed").isEqualTo(3L);
        Condition condition = BudgetStatus.find(failed.getConditions()).orElseThrow();
        assertThat(condition.getStatus()).isEqualTo("False");
        assertThat(condition.getReason()).isEqualTo("SyncFailed");
        assertThat(condition.getMessage()).isEqualTo("found no controllers for pod \"x\"");
        assertThat(condition.getLastTransitionTime()).isEqualTo("2026-01-01T12:05:00Z");
        assertThat(BudgetStatus.next(budget(4, failed), counts(3, 1, 3), T1)).as("recovers on the next sync")
                .hasValueSatisfying(s -> assertThat(BudgetStatus.find(s.getConditions()).orElseThrow().getReason())
                        .isEqualTo("SufficientPods"));
    }

    static BudgetStatus.Counts counts(int healthy, int desired, int expected) {
        return counts(healthy, desired, expected, Map.of());
    }

    static BudgetStatus.Counts counts(int healthy, int desired, int expected, Map<String, String> disrupted) {
        return new BudgetStatus.Counts(healthy, desired, expected, disrupted);
    }

    static PodDisruptionBudget budget(long generation, PodDisruptionBudgetStatus status) {
        return new PodDisruptionBudgetBuilder().withNewMetadata().withName("web").withNamespace("ns")
                .withGeneration(generation).endMetadata().withNewSpec().endSpec().withStatus(status).build();
    }
}
