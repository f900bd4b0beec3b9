package dev.j8s.scheduler.plugins.nodeaffinity;

import static dev.j8s.scheduler.testing.TestNode.node;
import static dev.j8s.scheduler.testing.TestPod.pod;
import static org.assertj.core.api.Assertions.assertThat;

import dev.j8s.scheduler.cache.Snapshot;
import dev.j8s.scheduler.framework.Code;
import dev.j8s.scheduler.framework.CycleState;
import dev.j8s.scheduler.framework.PodInfo;
import dev.j8s.scheduler.framework.PreFilterResult;
import dev.j8s.scheduler.framework.Status;
import dev.j8s.scheduler.testing.PluginRunner;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class NodeAffinityTest {

    private static final Node NODE = node("n1").label("zone", "a").label("disk", "ssd").label("cores", "8").build();

    record FilterCase(String name, Pod pod, boolean fits) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<FilterCase> filterCases() {
        return Stream.of(
                new FilterCase("no constraints", pod("p").build(), true),
                new FilterCase("nodeSelector matches", pod("p").nodeSelector("zone", "a").build(), true),
                new FilterCase("nodeSelector value differs", pod("p").nodeSelector("zone", "b").build(), false),
                new FilterCase("nodeSelector key missing", pod("p").nodeSelector("gpu", "true").build(), false),
                new FilterCase("In matches", pod("p").requiredNodeAffinity("zone", "In", "a", "b").build(), true),
                new FilterCase("In misses", pod("p").requiredNodeAffinity("zone", "In", "b", "c").build(), false),
                new FilterCase("NotIn passes", pod("p").requiredNodeAffinity("zone", "NotIn", "b").build(), true),
                new FilterCase("NotIn rejects", pod("p").requiredNodeAffinity("zone", "NotIn", "a").build(), false),
                new FilterCase("NotIn on a missing key passes", pod("p").requiredNodeAffinity("gpu", "NotIn", "x").build(), true),
                new FilterCase("Exists", pod("p").requiredNodeAffinity("disk", "Exists").build(), true),
                new FilterCase("Exists on a missing key", pod("p").requiredNodeAffinity("gpu", "Exists").build(), false),
                new FilterCase("DoesNotExist", pod("p").requiredNodeAffinity("gpu", "DoesNotExist").build(), true),
                new FilterCase("DoesNotExist on a present key", pod("p").requiredNodeAffinity("disk", "DoesNotExist").build(), false),
                new FilterCase("Gt holds", pod("p").requiredNodeAffinity("cores", "Gt", "4").build(), true),
                new FilterCase("Gt fails", pod("p").requiredNodeAffinity("cores", "Gt", "8").build(), false),
                new FilterCase("Lt holds", pod("p").requiredNodeAffinity("cores", "Lt", "16").build(), true),
                new FilterCase("Lt on a non-integer label fails", pod("p").requiredNodeAffinity("zone", "Lt", "16").build(), false),
                new FilterCase("terms are ORed", pod("p").requiredNodeAffinity("zone", "In", "b")
                        .requiredNodeAffinity("disk", "In", "ssd").build(), true),
                new FilterCase("nodeSelector AND affinity", pod("p").nodeSelector("zone", "b")
                        .requiredNodeAffinity("disk", "In", "ssd").build(), false),
                new FilterCase("matchFields metadata.name matches", pod("p").requiredNodeName("n1").build(), true),
                new FilterCase("matchFields metadata.name misses", pod("p").requiredNodeName("n2").build(), false));
    }

    @ParameterizedTest
    @MethodSource("filterCases")
    void filter(FilterCase c) {
        Snapshot snapshot = Snapshot.of(PluginRunner.nodeInfos(List.of(NODE, node("n2").build()), List.of()));
        Status status = PluginRunner.filter(new NodeAffinity(), c.pod(), snapshot, "n1");
        assertThat(status.isSuccess()).isEqualTo(c.fits());
        if (!c.fits()) {
            assertThat(status.code()).isIn(Code.UNSCHEDULABLE_AND_UNRESOLVABLE);
        }
    }

    @Test
    void filterReasonIsKubernetes() {
        Snapshot snapshot = Snapshot.of(PluginRunner.nodeInfos(List.of(NODE), List.of()));
        Status status = PluginRunner.filter(new NodeAffinity(), pod("p").nodeSelector("zone", "b").build(), snapshot, "n1");
        assertThat(status.reasons()).containsExactly("node(s) didn't match Pod's node affinity/selector");
    }

    @Test
    void preFilterNarrowsToNodesNamedByEveryTerm() {
        Snapshot snapshot = Snapshot.of(PluginRunner.nodeInfos(List.of(NODE, node("n2").build()), List.of()));
        PreFilterResult result = new NodeAffinity().preFilter(new CycleState(),
                PodInfo.of(pod("p").requiredNodeName("n2").build()), snapshot);
        assertThat(result.nodeNames()).isEqualTo(Set.of("n2"));
        PreFilterResult none = new NodeAffinity().preFilter(new CycleState(), PodInfo.of(pod("p").build()), snapshot);
        assertThat(none.status().isSkip()).isTrue();
    }

    record ScoreCase(String name, Pod pod, List<Long> scores) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<ScoreCase> scoreCases() {
        return Stream.of(
                new ScoreCase("no preferences", pod("p").build(), List.of(0L, 0L, 0L)),
                new ScoreCase("one preference", pod("p").preferredNodeAffinity(5, "zone", "In", "a").build(),
                        List.of(100L, 0L, 100L)),
                new ScoreCase("weights add up and scale to the best node",
                        pod("p").preferredNodeAffinity(2, "zone", "In", "a").preferredNodeAffinity(6, "disk", "In", "ssd").build(),
                        List.of(25L, 75L, 100L)));
    }

    @ParameterizedTest
    @MethodSource("scoreCases")
    void score(ScoreCase c) {
        Snapshot snapshot = Snapshot.of(PluginRunner.nodeInfos(List.of(
                node("a").label("zone", "a").build(),
                node("b").label("zone", "b").label("disk", "ssd").build(),
                node("c").label("zone", "a").label("disk", "ssd").build()), List.of()));
        assertThat(PluginRunner.scores(new NodeAffinity(), c.pod(), snapshot)).isEqualTo(c.scores());
    }
}
