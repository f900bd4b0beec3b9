package dev.j8s.scheduler;

import static dev.j8s.scheduler.testing.TestNode.node;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class NodeChangesTest {

    record Case(String name, UnaryOperator<Node> change, boolean matters) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static NodeCondition ready(String status, String heartbeat) {
        return new NodeConditionBuilder().withType("Ready").withStatus(status).withLastHeartbeatTime(heartbeat).build();
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("heartbeat only", n -> {
                    n.getStatus().setConditions(List.of(ready("True", "2026-01-01T00:00:10Z")));
                    return n;
                }, false),
                new Case("Ready flips", n -> {
                    n.getStatus().setConditions(List.of(ready("False", "2026-01-01T00:00:10Z")));
                    return n;
                }, true),
                new Case("label added", n -> {
                    n.getMetadata().getLabels().put("disk", "ssd");
                    return n;
                }, true),
                new Case("cordoned", n -> {
                    n.getSpec().setUnschedulable(true);
                    return n;
                }, true),
                new Case("allocatable grows", n -> {
                    n.getStatus().getAllocatable().put("cpu", new io.fabric8.kubernetes.api.model.Quantity("8"));
                    return n;
                }, true));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void affectScheduling(Case c) {
        Node before = node("n").build();
        before.getStatus().setConditions(List.of(ready("True", "2026-01-01T00:00:00Z")));
        Node after = node("n").build();
        after.getStatus().setConditions(List.of(ready("True", "2026-01-01T00:00:00Z")));
        assertThat(NodeChanges.affectScheduling(before, c.change().apply(after))).isEqualTo(c.matters());
    }
}
