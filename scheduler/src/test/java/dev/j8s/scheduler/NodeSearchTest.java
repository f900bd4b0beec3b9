package dev.j8s.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class NodeSearchTest {

    record Case(int percentage, int nodes, int toFind) {
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case(0, 50, 50),        // below 100 nodes: all
                new Case(0, 100, 100),      // 49% of 100 = 49 -> at least 100
                new Case(0, 1000, 420),     // 50 - 1000/125 = 42%
                new Case(0, 5000, 500),     // 50 - 40 = 10%
                new Case(0, 6000, 300),     // 50 - 48 = 2% -> floor of 5%
                new Case(0, 1000000, 50000),
                new Case(30, 1000, 300),    // configured percentage
                new Case(1, 1000, 100),     // never under 100
                new Case(100, 5000, 5000));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void numFeasibleNodesToFind(Case c) {
        assertThat(NodeSearch.numFeasibleNodesToFind(c.percentage(), c.nodes())).isEqualTo(c.toFind());
    }
}
