package dev.j8s.scheduler.plugins.tainttoleration;

import static dev.j8s.scheduler.testing.TestNode.node;
import static dev.j8s.scheduler.testing.TestPod.pod;
import static org.assertj.core.api.Assertions.assertThat;

import dev.j8s.scheduler.cache.Snapshot;
import dev.j8s.scheduler.framework.Code;
import dev.j8s.scheduler.framework.Status;
import dev.j8s.scheduler.testing.PluginRunner;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TaintTolerationTest {

    record FilterCase(String name, Node node, Pod pod, String reason) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<FilterCase> filterCases() {
        return Stream.of(
                new FilterCase("no taints", node("n").build(), pod("p").build(), null),
                new FilterCase("NoSchedule taint not tolerated", node("n").taint("dedicated", "gpu", "NoSchedule").build(),
                        pod("p").build(), "node(s) had untolerated taint {dedicated: gpu}"),
                new FilterCase("NoExecute taint not tolerated", node("n").taint("node.kubernetes.io/not-ready", null, "NoExecute").build(),
                        pod("p").build(), "node(s) had untolerated taint {node.kubernetes.io/not-ready: }"),
                new FilterCase("PreferNoSchedule does not filter", node("n").taint("k", "v", "PreferNoSchedule").build(),
                        pod("p").build(), null),
                new FilterCase("tolerated with Equal", node("n").taint("dedicated", "gpu", "NoSchedule").build(),
                        pod("p").toleration("dedicated", "Equal", "gpu", "NoSchedule").build(), null),
                new FilterCase("Equal with another value", node("n").taint("dedicated", "gpu", "NoSchedule").build(),
                        pod("p").toleration("dedicated", "Equal", "cpu", "NoSchedule").build(),
                        "node(s) had untolerated taint {dedicated: gpu}"),
                new FilterCase("Exists ignores the value", node("n").taint("dedicated", "gpu", "NoSchedule").build(),
                        pod("p").toleration("dedicated", "Exists", null, null).build(), null),
                new FilterCase("toleration for another effect", node("n").taint("dedicated", "gpu", "NoSchedule").build(),
                        pod("p").toleration("dedicated", "Exists", null, "NoExecute").build(),
                        "node(s) had untolerated taint {dedicated: gpu}"),
                new FilterCase("the first untolerated taint is reported",
                        node("n").taint("a", "1", "NoSchedule").taint("b", "2", "NoSchedule").build(),
                        pod("p").toleration("a", "Exists", null, null).build(), "node(s) had untolerated taint {b: 2}"));
    }

    @ParameterizedTest
    @MethodSource("filterCases")
    void filter(FilterCase c) {
        Snapshot snapshot = Snapshot.of(PluginRunner.nodeInfos(List.of(c.node()), List.of()));
        Status status = PluginRunner.filter(new TaintToleration(), c.pod(), snapshot, "n");
        if (c.reason() == null) {
            assertThat(status.isSuccess()).isTrue();
        } else {
            assertThat(status.code()).isEqualTo(Code.UNSCHEDULABLE_AND_UNRESOLVABLE);
            assertThat(status.reasons()).containsExactly(c.reason());
        }
    }

    record ScoreCase(String name, List<Node> nodes, Pod pod, List<Long> scores) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<ScoreCase> scoreCases() {
        return Stream.of(
                new ScoreCase("no PreferNoSchedule taints anywhere", List.of(node("a").build(), node("b").build()),
                        pod("p").build(), List.of(100L, 100L)),
                new ScoreCase("fewer intolerable taints is better",
                        List.of(node("a").build(), node("b").taint("x", "1", "PreferNoSchedule").build(),
                                node("c").taint("x", "1", "PreferNoSchedule").taint("y", "1", "PreferNoSchedule").build()),
                        pod("p").build(), List.of(100L, 50L, 0L)),
                new ScoreCase("tolerated PreferNoSchedule taints do not count",
                        List.of(node("a").taint("x", "1", "PreferNoSchedule").build(), node("b").build()),
                        pod("p").toleration("x", "Exists", null, "PreferNoSchedule").build(), List.of(100L, 100L)),
                new ScoreCase("a NoSchedule-only toleration does not help scoring",
                        List.of(node("a").taint("x", "1", "PreferNoSchedule").build(), node("b").build()),
                        pod("p").toleration("x", "Exists", null, "NoSchedule").build(), List.of(0L, 100L)));
    }

    @ParameterizedTest
    @MethodSource("scoreCases")
    void score(ScoreCase c) {
        Snapshot snapshot = Snapshot.of(PluginRunner.nodeInfos(c.nodes(), List.of()));
        assertThat(PluginRunner.scores(new TaintToleration(), c.pod(), snapshot)).isEqualTo(c.scores());
    }
}
