package dev.j8s.scheduler.plugins.nodeports;

import static dev.j8s.scheduler.testing.TestNode.node;
import static dev.j8s.scheduler.testing.TestPod.pod;
import static org.assertj.core.api.Assertions.assertThat;

import dev.j8s.scheduler.cache.Snapshot;
import dev.j8s.scheduler.framework.Status;
import dev.j8s.scheduler.testing.PluginRunner;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class NodePortsTest {

    record Case(String name, List<Pod> existing, Pod pod, boolean fits) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("no host ports", List.of(pod("a").hostPort(80, null, null).node("n").build()), pod("p").build(), true),
                new Case("free port", List.of(pod("a").hostPort(80, null, null).node("n").build()),
                        pod("p").hostPort(8080, null, null).build(), true),
                new Case("same port, both on all addresses", List.of(pod("a").hostPort(80, null, null).node("n").build()),
                        pod("p").hostPort(80, null, null).build(), false),
                new Case("same port, other protocol", List.of(pod("a").hostPort(53, null, "UDP").node("n").build()),
                        pod("p").hostPort(53, null, "TCP").build(), true),
                new Case("same port, different specific addresses",
                        List.of(pod("a").hostPort(80, "127.0.0.1", null).node("n").build()),
                        pod("p").hostPort(80, "127.0.0.2", null).build(), true),
                new Case("specific address against 0.0.0.0", List.of(pod("a").hostPort(80, "0.0.0.0", null).node("n").build()),
                        pod("p").hostPort(80, "127.0.0.1", null).build(), false),
                new Case("0.0.0.0 against a specific address",
                        List.of(pod("a").hostPort(80, "127.0.0.1", null).node("n").build()),
                        pod("p").hostPort(80, null, null).build(), false));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void filter(Case c) {
        Snapshot snapshot = Snapshot.of(PluginRunner.nodeInfos(List.of(node("n").build()), c.existing()));
        Status status = PluginRunner.filter(new NodePorts(), c.pod(), snapshot, "n");
        assertThat(status.isSuccess()).isEqualTo(c.fits());
        if (!c.fits()) {
            assertThat(status.reasons()).containsExactly("node(s) didn't have free ports for the requested pod ports");
        }
    }
}
