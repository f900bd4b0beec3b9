package dev.j8s.scheduler.framework;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FitErrorTest {

    record Case(String name, int nodes, Map<String, Status> statuses, Status absent, String preFilter, String postFilter,
                String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("histogram sorted as strings", 3, Map.of(
                        "a", Status.unschedulable("Insufficient cpu"),
                        "b", Status.unresolvable("node(s) didn't match Pod's node affinity/selector"),
                        "c", Status.unresolvable("node(s) didn't match Pod's node affinity/selector")), null, "", "",
                        "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't match Pod's node affinity/selector."),
                new Case("several reasons of one node each count", 1,
                        Map.of("a", Status.unschedulable("Insufficient cpu", "Insufficient memory")), null, "", "",
                        "0/1 nodes are available: 1 Insufficient cpu, 1 Insufficient memory."),
                new Case("with the preemption message", 3, Map.of(
                        "a", Status.unschedulable("Insufficient cpu"),
                        "b", Status.unresolvable("node(s) didn't match Pod's node affinity/selector"),
                        "c", Status.unresolvable("node(s) didn't match Pod's node affinity/selector")), null, "",
                        "preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
                        "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't match Pod's node affinity/selector. "
                                + "preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling."),
                new Case("absent nodes count with the absent status", 3, Map.of("a", Status.unresolvable("x")),
                        Status.unresolvable("Preemption is not helpful for scheduling"), "", "",
                        "0/3 nodes are available: 1 x, 2 Preemption is not helpful for scheduling."),
                new Case("PreFilter message replaces the histogram", 2, Map.of(), Status.unresolvable("ignored"),
                        "node(s) didn't satisfy plugin NodeAffinity", "",
                        "0/2 nodes are available: node(s) didn't satisfy plugin NodeAffinity."),
                new Case("no reasons at all", 0, Map.of(), null, "", "", "0/0 nodes are available:"));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void message(Case c) {
        NodeToStatus statuses = new NodeToStatus();
        c.statuses().forEach(statuses::put);
        if (c.absent() != null) {
            statuses.setAbsent(c.absent());
        }
        Diagnosis diagnosis = new Diagnosis(statuses);
        diagnosis.setPreFilterMessage(c.preFilter());
        diagnosis.setPostFilterMessage(c.postFilter());
        assertThat(new FitError(c.nodes(), diagnosis).message()).isEqualTo(c.message());
    }
}
