package dev.j8s.scheduler.plugins.noderesources;

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

class FitTest {

    record FilterCase(String name, Node node, List<Pod> existing, Pod pod, List<String> reasons, Code code) {
        FilterCase(String name, Node node, List<Pod> existing, Pod pod, List<String> reasons) {
            this(name, node, existing, pod, reasons, reasons.isEmpty() ? Code.SUCCESS : Code.UNSCHEDULABLE);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<FilterCase> filterCases() {
        Node small = node("n").cpu("2").memory("4Gi").pods(3).build();
        return Stream.of(
                new FilterCase("fits on an empty node", small, List.of(), pod("p").cpu("1").memory("1Gi").build(), List.of()),
                new FilterCase("fits exactly what is left", small, List.of(pod("a").cpu("1500m").node("n").build()),
                        pod("p").cpu("500m").build(), List.of()),
                new FilterCase("cpu short by one millicore", small, List.of(pod("a").cpu("1500m").node("n").build()),
                        pod("p").cpu("501m").build(), List.of("Insufficient cpu")),
                new FilterCase("memory short", small, List.of(pod("a").memory("3Gi").node("n").build()),
                        pod("p").memory("2Gi").build(), List.of("Insufficient memory")),
                new FilterCase("cpu and memory short, both reported", small, List.of(pod("a").cpu("1").memory("1Gi").node("n").build()),
                        pod("p").cpu("2").memory("4Gi").build(), List.of("Insufficient cpu", "Insufficient memory")),
                new FilterCase("more than the whole node is unresolvable", small, List.of(),
                        pod("p").cpu("3").memory("1Gi").build(), List.of("Insufficient cpu"), Code.UNSCHEDULABLE_AND_UNRESOLVABLE),
                new FilterCase("pod count reached", small,
                        List.of(pod("a").node("n").build(), pod("b").node("n").build(), pod("c").node("n").build()),
                        pod("p").build(), List.of("Too many pods")),
                new FilterCase("best-effort pod is checked for the pod count only", node("n").cpu("0").pods(5).build(),
                        List.of(), pod("p").build(), List.of()),
                new FilterCase("the largest init container counts when bigger than the app", small, List.of(),
                        pod("p").cpu("1").initContainer("3", false).build(), List.of("Insufficient cpu"),
                        Code.UNSCHEDULABLE_AND_UNRESOLVABLE),
                new FilterCase("a regular init container smaller than the app does not add", small, List.of(),
                        pod("p").cpu("2").initContainer("1", false).build(), List.of()),
                new FilterCase("a sidecar adds to the app containers", small, List.of(),
                        pod("p").cpu("1500m").initContainer("1", true).build(), List.of("Insufficient cpu"),
                        Code.UNSCHEDULABLE_AND_UNRESOLVABLE),
                new FilterCase("pod overhead adds to the requests", small, List.of(),
                        pod("p").cpu("1900m").overheadCpu("200m").build(), List.of("Insufficient cpu"),
                        Code.UNSCHEDULABLE_AND_UNRESOLVABLE),
                new FilterCase("extended resource missing on the node", small, List.of(),
                        pod("p").request("example.com/gpu", "1").build(), List.of("Insufficient example.com/gpu"),
                        Code.UNSCHEDULABLE_AND_UNRESOLVABLE),
                new FilterCase("extended resource available", node("n").capacity("example.com/gpu", "2").build(),
                        List.of(pod("a").request("example.com/gpu", "1").node("n").build()),
                        pod("p").request("example.com/gpu", "1").build(), List.of()),
                new FilterCase("ephemeral storage short", node("n").capacity("ephemeral-storage", "10Gi").build(), List.of(),
                        pod("p").request("ephemeral-storage", "11Gi").build(), List.of("Insufficient ephemeral-storage"),
                        Code.UNSCHEDULABLE_AND_UNRESOLVABLE));
    }

    @ParameterizedTest
    @MethodSource("filterCases")
    void filter(FilterCase c) {
        Snapshot snapshot = Snapshot.of(PluginRunner.nodeInfos(List.of(c.node()), c.existing()));
        Status status = PluginRunner.filter(new Fit(), c.pod(), snapshot, "n");
        assertThat(status.reasons()).isEqualTo(c.reasons());
        assertThat(status.code()).isEqualTo(c.code());
    }

    record ScoreCase(String name, List<Node> nodes, List<Pod> existing, Pod pod, List<Long> scores) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<ScoreCase> scoreCases() {
        return Stream.of(
                // (4000-1000)*100/4000 = 75 cpu, (8Gi-2Gi)*100/8Gi = 75 memory
                new ScoreCase("least allocated: both resources a quarter used", List.of(node("a").build()), List.of(),
                        pod("p").cpu("1").memory("2Gi").build(), List.of(75L)),
                new ScoreCase("the emptier node scores higher", List.of(node("a").build(), node("b").build()),
                        List.of(pod("x").cpu("2").memory("4Gi").node("a").build()),
                        pod("p").cpu("1").memory("2Gi").build(), List.of(25L, 75L)),
                // a container without requests counts as 100m and 200Mi for scoring
                new ScoreCase("best-effort pods count with the scoring defaults",
                        List.of(node("a").cpu("1").memory("1000Mi").build()), List.of(),
                        pod("p").build(), List.of(85L)),
                new ScoreCase("over-committed resource scores 0", List.of(node("a").cpu("1").memory("8Gi").build()),
                        List.of(), pod("p").cpu("2").memory("4Gi").build(), List.of(25L)));
    }

    @ParameterizedTest
    @MethodSource("scoreCases")
    void score(ScoreCase c) {
        Snapshot snapshot = Snapshot.of(PluginRunner.nodeInfos(c.nodes(), c.existing()));
        assertThat(PluginRunner.scores(new Fit(), c.pod(), snapshot)).isEqualTo(c.scores());
    }
}
