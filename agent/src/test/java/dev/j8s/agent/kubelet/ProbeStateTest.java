package dev.j8s.agent.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ProbeStateTest {

    record Case(String name, ProbeState.Kind kind, String checks, int success, int failure, boolean expected) {}

    static List<Case> cases() {
        return List.of(
                new Case("readiness starts not ready", ProbeState.Kind.READINESS, "", 1, 3, false),
                new Case("liveness starts alive", ProbeState.Kind.LIVENESS, "", 1, 3, true),
                new Case("one success makes ready", ProbeState.Kind.READINESS, "+", 1, 3, true),
                new Case("two failures are not enough", ProbeState.Kind.LIVENESS, "--", 1, 3, true),
                new Case("three failures kill", ProbeState.Kind.LIVENESS, "---", 1, 3, false),
                new Case("a success in between resets the count", ProbeState.Kind.LIVENESS, "--+--", 1, 3, true),
                new Case("successThreshold 2 needs two in a row", ProbeState.Kind.READINESS, "+-+", 2, 3, false),
                new Case("successThreshold 2 met", ProbeState.Kind.READINESS, "-++", 2, 3, true),
                new Case("ready until failureThreshold failures", ProbeState.Kind.READINESS, "+--", 1, 3, true),
                new Case("then not ready", ProbeState.Kind.READINESS, "+---", 1, 3, false),
                new Case("startup succeeds once", ProbeState.Kind.STARTUP, "--+", 1, 30, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void resultsFlipOnlyAtTheThresholds(Case c) {
        ProbeState s = ProbeState.initial(c.kind());
        for (char check : c.checks().toCharArray()) {
            s = s.next(check == '+', c.success(), c.failure());
        }
        assertThat(s.success()).isEqualTo(c.expected());
    }
}
