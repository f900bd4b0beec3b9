package dev.j8s.scheduler.plugins.nodeunschedulable;

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

class NodeUnschedulableTest {

    record Case(String name, Node node, Pod pod, Code code) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("schedulable node", node("n").build(), pod("p").build(), Code.SUCCESS),
                new Case("cordoned node", node("n").unschedulable().build(), pod("p").build(),
                        Code.UNSCHEDULABLE_AND_UNRESOLVABLE),
                new Case("cordoned node, pod tolerates the unschedulable taint", node("n").unschedulable().build(),
                        pod("p").toleration("node.kubernetes.io/unschedulable", "Exists", null, "NoSchedule").build(),
                        Code.SUCCESS),
                new Case("cordoned node, pod tolerates everything", node("n").unschedulable().build(),
                        pod("p").toleration(null, "Exists", null, null).build(), Code.SUCCESS),
                new Case("cordoned node, toleration for another effect", node("n").unschedulable().build(),
                        pod("p").toleration("node.kubernetes.io/unschedulable", "Exists", null, "NoExecute").build(),
                        Code.UNSCHEDULABLE_AND_UNRESOLVABLE));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void filter(Case c) {
        Snapshot snapshot = Snapshot.of(PluginRunner.nodeInfos(List.of(c.node()), List.of()));
        Status status = PluginRunner.filter(new NodeUnschedulable(), c.pod(), snapshot, "n");
        assertThat(status.code()).isEqualTo(c.code());
        if (!status.isSuccess()) {
            assertThat(status.reasons()).containsExactly("node(s) were unschedulable");
        }
    }
}
