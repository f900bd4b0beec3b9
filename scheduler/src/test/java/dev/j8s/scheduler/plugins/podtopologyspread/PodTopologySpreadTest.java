package dev.j8s.scheduler.plugins.podtopologyspread;

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

class PodTopologySpreadTest {

    private static final String ZONE = "topology.kubernetes.io/zone";
    private static final List<Node> NODES = List.of(
            node("a1").label(ZONE, "a").build(), node("a2").label(ZONE, "a").build(), node("b1").label(ZONE, "b").build(),
            node("nolabel").build());

    private static Pod web(String name, String node) {
        return pod(name).label("app", "web").node(node).build();
    }

    private static Pod incoming(int maxSkew, Integer minDomains) {
        return pod("p").label("app", "web").spread(maxSkew, ZONE, "DoNotSchedule", "app", "web", minDomains).build();
    }

    private static Pod withMatchLabelKeys(dev.j8s.scheduler.testing.TestPod builder) {
        Pod pod = builder.spread(1, ZONE, "DoNotSchedule", "app", "web", null).build();
        pod.getSpec().getTopologySpreadConstraints().get(0).setMatchLabelKeys(List.of("rev"));
        return pod;
    }

    record FilterCase(String name, List<Pod> existing, Pod pod, String nodeName, Code code, String reason) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<FilterCase> filterCases() {
        return Stream.of(
                new FilterCase("no constraints", List.of(web("w1", "a1")), pod("p").build(), "a1", Code.SUCCESS, null),
                new FilterCase("balanced zones accept either", List.of(web("w1", "a1"), web("w2", "b1")),
                        incoming(1, null), "a2", Code.SUCCESS, null),
                new FilterCase("the fuller zone is rejected at maxSkew 1", List.of(web("w1", "a1")),
                        incoming(1, null), "a2", Code.UNSCHEDULABLE, PodTopologySpread.ERR_REASON_CONSTRAINTS),
                new FilterCase("the emptier zone is accepted", List.of(web("w1", "a1")),
                        incoming(1, null), "b1", Code.SUCCESS, null),
                new FilterCase("maxSkew 2 allows the fuller zone", List.of(web("w1", "a1")),
                        incoming(2, null), "a2", Code.SUCCESS, null),
                new FilterCase("pods not matching the selector do not count",
                        List.of(pod("x").label("app", "db").node("a1").build()), incoming(1, null), "a2", Code.SUCCESS, null),
                new FilterCase("a node without the topology key is unresolvable", List.of(),
                        incoming(1, null), "nolabel", Code.UNSCHEDULABLE_AND_UNRESOLVABLE, PodTopologySpread.ERR_REASON_NODE_LABEL),
                // 2 zones < minDomains 3: the global minimum counts as 0, so zone b (1 pod) + self = 2 > 1
                new FilterCase("minDomains above the domain count treats the minimum as 0",
                        List.of(web("w1", "a1"), web("w2", "b1")), incoming(1, 3), "b1", Code.UNSCHEDULABLE,
                        PodTopologySpread.ERR_REASON_CONSTRAINTS),
                new FilterCase("matchLabelKeys counts only pods of the same revision",
                        List.of(pod("old").label("app", "web").label("rev", "1").node("a1").build()),
                        withMatchLabelKeys(pod("p").label("app", "web").label("rev", "2")), "a2", Code.SUCCESS, null),
                new FilterCase("matchLabelKeys still counts the same revision",
                        List.of(pod("old").label("app", "web").label("rev", "2").node("a1").build()),
                        withMatchLabelKeys(pod("p").label("app", "web").label("rev", "2")), "a2", Code.UNSCHEDULABLE,
                        PodTopologySpread.ERR_REASON_CONSTRAINTS),
                new FilterCase("minDomains met behaves as usual", List.of(web("w1", "a1"), web("w2", "b1")),
                        incoming(1, 2), "b1", Code.SUCCESS, null));
    }

    @ParameterizedTest
    @MethodSource("filterCases")
    void filter(FilterCase c) {
        Snapshot snapshot = Snapshot.of(PluginRunner.nodeInfos(NODES, c.existing()));
        Status status = PluginRunner.filter(new PodTopologySpread(() -> snapshot), c.pod(), snapshot, c.nodeName());
        assertThat(status.code()).isEqualTo(c.code());
        if (c.reason() != null) {
            assertThat(status.reasons()).containsExactly(c.reason());
        }
    }

    record ScoreCase(String name, List<Pod> existing, Pod pod, List<Long> scores) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<ScoreCase> scoreCases() {
        Pod anyway = pod("p").label("app", "web").spread(1, ZONE, "ScheduleAnyway", "app", "web", null).build();
        Pod byHost = pod("p").label("app", "web").spread(1, "kubernetes.io/hostname", "ScheduleAnyway", "app", "web", null).build();
        return Stream.of(
                new ScoreCase("no soft constraints", List.of(web("w1", "a1")), pod("p").build(), List.of(0L, 0L, 0L, 0L)),
                new ScoreCase("empty cluster: every labelled node scores 100", List.of(), anyway, List.of(100L, 100L, 100L, 0L)),
                new ScoreCase("the zone with fewer matching pods scores higher", List.of(web("w1", "a1")), anyway,
                        List.of(0L, 0L, 100L, 0L)),
                new ScoreCase("by hostname each node counts its own pods", List.of(web("w1", "a1"), web("w2", "a1")), byHost,
                        List.of(0L, 100L, 100L, 100L)));
    }

    @ParameterizedTest
    @MethodSource("scoreCases")
    void score(ScoreCase c) {
        Snapshot snapshot = Snapshot.of(PluginRunner.nodeInfos(NODES, c.existing()));
        assertThat(PluginRunner.scores(new PodTopologySpread(() -> snapshot), c.pod(), snapshot)).isEqualTo(c.scores());
    }
}
