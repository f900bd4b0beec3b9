package dev.j8s.scheduler.plugins.nodename;

import static dev.j8s.scheduler.testing.TestNode.node;
import static dev.j8s.scheduler.testing.TestPod.pod;
import static org.assertj.core.api.Assertions.assertThat;

import dev.j8s.scheduler.cache.Snapshot;
import dev.j8s.scheduler.framework.Code;
import dev.j8s.scheduler.framework.Status;
import dev.j8s.scheduler.testing.PluginRunner;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class NodeNameTest {

    record Case(String name, Pod pod, Code code, List<String> reasons) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("no node name fits any node", pod("p").build(), Code.SUCCESS, List.of()),
                new Case("the named node fits", pod("p").node("n").build(), Code.SUCCESS, List.of()),
                new Case("another node does not", pod("p").node("other").build(), Code.UNSCHEDULABLE_AND_UNRESOLVABLE,
                        List.of("node(s) didn't match the requested node name")));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void filter(Case c) {
        Snapshot snapshot = Snapshot.of(PluginRunner.nodeInfos(List.of(node("n").build()), List.of()));
        Status status = PluginRunner.filter(new NodeName(), c.pod(), snapshot, "n");
        assertThat(status.code()).isEqualTo(c.code());
        assertThat(status.reasons()).isEqualTo(c.reasons());
    }
}
