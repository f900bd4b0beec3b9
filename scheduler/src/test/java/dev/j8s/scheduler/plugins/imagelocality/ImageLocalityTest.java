package dev.j8s.scheduler.plugins.imagelocality;

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

class ImageLocalityTest {

    private static final long MB = 1024 * 1024;

    record Case(String name, List<Node> nodes, Pod pod, List<Long> scores) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("no images anywhere", List.of(node("a").build(), node("b").build()),
                        pod("p").image("nginx").build(), List.of(0L, 0L)),
                // 500 MiB on 1 of 2 nodes: 250 MiB scaled: (250-23)*100/(1000-23) = 23
                new Case("a large image on one of two nodes", List.of(node("a").image(500 * MB, "nginx:1.27").build(),
                        node("b").build()), pod("p").image("nginx:1.27").build(), List.of(23L, 0L)),
                new Case("an image without tag means :latest", List.of(node("a").image(1000 * MB, "nginx:latest").build()),
                        pod("p").image("nginx").build(), List.of(100L)),
                new Case("an image below 23 MiB scores 0", List.of(node("a").image(20 * MB, "busybox:latest").build()),
                        pod("p").image("busybox").build(), List.of(0L)));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void score(Case c) {
        Snapshot snapshot = Snapshot.of(PluginRunner.nodeInfos(c.nodes(), List.of()));
        assertThat(PluginRunner.scores(new ImageLocality(() -> snapshot), c.pod(), snapshot)).isEqualTo(c.scores());
    }
}
