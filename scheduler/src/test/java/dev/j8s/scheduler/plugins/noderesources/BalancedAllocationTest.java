package dev.j8s.scheduler.plugins.noderesources;

import static dev.j8s.scheduler.testing.TestNode.node;
import static dev.j8s.scheduler.testing.TestPod.pod;
import static org.assertj.core.api.Assertions.assertThat;

import dev.j8s.scheduler.cache.Snapshot;
import dev.j8s.scheduler.testing.PluginRunner;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BalancedAllocationTest {

    record Case(String name, List<Node> nodes, List<Pod> existing, Pod pod, List<Long> scores) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("equal fractions score 100", List.of(node("a").build()), List.of(),
                        pod("p").cpu("1").memory("2Gi").build(), List.of(100L)),
                // cpu 2/4 = 0.5, memory 1/8 = 0.125: 1 - 0.375/2 = 0.8125
                new Case("unequal fractions lose half their difference", List.of(node("a").build()), List.of(),
                        pod("p").cpu("2").memory("1Gi").build(), List.of(81L)),
                new Case("existing pods count", List.of(node("a").build(), node("b").build()),
                        List.of(pod("x").cpu("1").node("a").build()),
                        pod("p").cpu("1").memory("4Gi").build(), List.of(100L, 87L)),
                new Case("fractions are capped at 1", List.of(node("a").cpu("1").build()), List.of(),
                        pod("p").cpu("4").memory("8Gi").build(), List.of(100L)),
                new Case("best-effort pods are skipped", List.of(node("a").build()), List.of(),
                        pod("p").build(), List.of(0L)));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void score(Case c) {
        Snapshot snapshot = Snapshot.of(PluginRunner.nodeInfos(c.nodes(), c.existing()));
        assertThat(PluginRunner.scores(new BalancedAllocation(), c.pod(), snapshot)).isEqualTo(c.scores());
    }
}
