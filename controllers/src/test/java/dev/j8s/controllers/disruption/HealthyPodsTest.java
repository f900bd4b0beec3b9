package dev.j8s.controllers.disruption;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** currentHealthy and the disruptedPods kept, as buildDisruptedPodMap and countHealthyPods decide. */
class HealthyPodsTest {

    static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    static final String JUST_NOW = "2026-01-01T11:59:30Z";
    static final String LONG_AGO = "2026-01-01T11:57:00Z";

    record Case(String name, List<Pod> pods, Map<String, String> disrupted, int healthy, Map<String, String> kept,
                List<String> notDeleted, Instant recheckAt) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("ready pods count", List.of(ready("a"), ready("b"), unready("c")), null, 2, Map.of(),
                        List.of(), null),
                new Case("pods being deleted do not count", List.of(ready("a"), deleting("b")), Map.of(), 1,
                        Map.of(), List.of(), null),
                new Case("a recent eviction holds its pod back until the timeout",
                        List.of(ready("a"), ready("b")), Map.of("b", JUST_NOW), 1, Map.of("b", JUST_NOW), List.of(),
                        Instant.parse("2026-01-01T12:01:30Z")),
                new Case("the earliest expiry is the recheck time", List.of(ready("a"), ready("b"), ready("c")),
                        Map.of("a", "2026-01-01T11:59:50Z", "b", JUST_NOW), 1,
                        Map.of("a", "2026-01-01T11:59:50Z", "b", JUST_NOW), List.of(),
                        Instant.parse("2026-01-01T12:01:30Z")),
                new Case("an eviction older than the timeout is dropped and the pod counts again",
                        List.of(ready("a"), ready("b")), Map.of("b", LONG_AGO), 2, Map.of(), List.of("b"), null),
                new Case("the entry of a deleted pod is dropped", List.of(ready("a")), Map.of("gone", JUST_NOW), 1,
                        Map.of(), List.of(), null),
                new Case("the entry of a terminating pod is dropped", List.of(ready("a"), deleting("b")),
                        Map.of("b", JUST_NOW), 1, Map.of(), List.of(), null),
                new Case("an unreadable time is dropped", List.of(ready("a")), Map.of("a", "yesterday"), 1, Map.of(),
                        List.of("a"), null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void countsHealthyPodsAndKeepsLiveEvictions(Case c) {
        HealthyPods.Health health = HealthyPods.of(c.pods(), c.disrupted(), NOW);
        assertThat(health.currentHealthy()).as("currentHealthy").isEqualTo(c.healthy());
        assertThat(health.disruptedPods()).as("disruptedPods").isEqualTo(c.kept());
        assertThat(health.notDeleted()).extracting(p -> p.getMetadata().getName()).as("not deleted")
                .isEqualTo(c.notDeleted());
        assertThat(health.recheckAt()).as("recheck").isEqualTo(c.recheckAt());
    }

    static Pod ready(String name) {
        return pod(name, "True", null);
    }

    static Pod unready(String name) {
        return pod(name, "False", null);
    }

    static Pod deleting(String name) {
        return pod(name, "True", "2026-01-01T11:59:59Z");
    }

    static Pod pod(String name, String ready, String deletionTimestamp) {
        return new PodBuilder().withNewMetadata().withName(name).withDeletionTimestamp(deletionTimestamp)
                .endMetadata().withNewStatus().withPhase("Running").addNewCondition().withType("Ready")
                .withStatus(ready).endCondition().endStatus().build();
    }
}
