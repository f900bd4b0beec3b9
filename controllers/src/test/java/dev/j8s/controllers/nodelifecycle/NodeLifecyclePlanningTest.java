package dev.j8s.controllers.nodelifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.j8s.client.time.ManualScheduler;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NodeLifecyclePlanningTest {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final Duration GRACE = Duration.ofSeconds(5);

    @Test
    void nodeIsOverdueGraceAfterItsLastObservedRenewal() {
        ManualScheduler time = new ManualScheduler(T0);
        HeartbeatTracker tracker = new HeartbeatTracker(time.clock());
        tracker.observe("n1", "2025-01-01T00:00:00.000000Z");
        time.advance(Duration.ofSeconds(3));
        assertThat(tracker.remainingGrace("n1", GRACE)).isEqualTo(Duration.ofSeconds(2));
        // The same renewTime again is no heartbeat.
        tracker.observe("n1", "2025-01-01T00:00:00.000000Z");
        time.advance(Duration.ofSeconds(2));
        assertThat(tracker.remainingGrace("n1", GRACE)).isEqualTo(Duration.ZERO);
        // A renewal restarts the grace period, whatever time the agent wrote.
        tracker.observe("n1", "2020-01-01T00:00:00.000000Z");
        assertThat(tracker.remainingGrace("n1", GRACE)).isEqualTo(GRACE);
    }

    private static Taint taint(String key, String effect, String added) {
        return new TaintBuilder().withKey(key).withEffect(effect).withTimeAdded(added).build();
    }

    static Stream<Arguments> taintCases() {
        Taint custom = taint("dedicated", "NoSchedule", null);
        Taint unreachableExec = taint(NodeTaints.UNREACHABLE, "NoExecute", "2024-12-31T23:00:00Z");
        return Stream.of(
                Arguments.of(List.of(custom), "True", List.of(custom)),
                Arguments.of(List.of(custom), "Unknown", List.of(custom, taint(NodeTaints.UNREACHABLE, "NoSchedule", null),
                        taint(NodeTaints.UNREACHABLE, "NoExecute", "2025-01-01T00:00:00Z"))),
                Arguments.of(List.of(), "False", List.of(taint(NodeTaints.NOT_READY, "NoSchedule", null),
                        taint(NodeTaints.NOT_READY, "NoExecute", "2025-01-01T00:00:00Z"))),
                // Already tainted: timeAdded is kept (the toleration clocks keep running).
                Arguments.of(List.of(unreachableExec), "Unknown", List.of(unreachableExec,
                        taint(NodeTaints.UNREACHABLE, "NoSchedule", null))),
                Arguments.of(List.of(unreachableExec, custom), "True", List.of(custom)),
                // Unknown → False swaps unreachable for not-ready.
                Arguments.of(List.of(unreachableExec), "False", List.of(taint(NodeTaints.NOT_READY, "NoSchedule", null),
                        taint(NodeTaints.NOT_READY, "NoExecute", "2025-01-01T00:00:00Z"))));
    }

    @ParameterizedTest(name = "{0} with Ready={1}")
    @MethodSource("taintCases")
    void readinessTaints(List<Taint> current, String ready, List<Taint> expected) {
        List<Taint> out = NodeTaints.reconcile(current, ready, T0);
        assertThat(out).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(NodeTaints.same(out, expected)).isTrue();
    }

    private static Toleration toleration(String key, String operator, String effect, Long seconds) {
        return new TolerationBuilder().withKey(key).withOperator(operator).withEffect(effect)
                .withTolerationSeconds(seconds).build();
    }

    static Stream<Arguments> evictionCases() {
        List<Taint> unreachable = List.of(taint(NodeTaints.UNREACHABLE, "NoSchedule", null),
                taint(NodeTaints.UNREACHABLE, "NoExecute", "2025-01-01T00:00:00Z"));
        return Stream.of(
                // No toleration: j8s's default readiness toleration (5 s here).
                Arguments.of(List.of(), unreachable, Optional.of(T0.plusSeconds(5))),
                Arguments.of(List.of(toleration(NodeTaints.UNREACHABLE, "Exists", "NoExecute", 60L)), unreachable,
                        Optional.of(T0.plusSeconds(60))),
                // Tolerating forever (no seconds), or everything (empty key, Exists).
                Arguments.of(List.of(toleration(NodeTaints.UNREACHABLE, "Exists", "NoExecute", null)), unreachable,
                        Optional.empty()),
                Arguments.of(List.of(toleration(null, "Exists", null, null)), unreachable, Optional.empty()),
                // A toleration of another taint does not help.
                Arguments.of(List.of(toleration("other", "Exists", "NoExecute", 600L)), unreachable,
                        Optional.of(T0.plusSeconds(5))),
                // Untolerated custom NoExecute taint: evict at once.
                Arguments.of(List.of(), List.of(taint("maintenance", "NoExecute", "2025-01-01T00:00:00Z")),
                        Optional.of(T0.plusSeconds(100))),
                Arguments.of(List.of(), List.of(taint("dedicated", "NoSchedule", null)), Optional.empty()));
    }

    @ParameterizedTest(name = "case {index}")
    @MethodSource("evictionCases")
    void evictionTime(List<Toleration> tolerations, List<Taint> taints, Optional<Instant> expected) {
        assertThat(TaintEviction.evictionTime(tolerations, taints, Duration.ofSeconds(5), T0.plusSeconds(100)))
                .isEqualTo(expected);
    }
}
