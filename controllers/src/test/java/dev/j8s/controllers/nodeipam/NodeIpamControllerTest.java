package dev.j8s.controllers.nodeipam;

import static dev.j8s.controllers.ControllerTestSupport.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.j8s.client.ApiServerFixture;
import dev.j8s.client.KubeClient;
import dev.j8s.client.ListOptions;
import dev.j8s.client.ResourceClient;
import dev.j8s.controllers.ControllerManager;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Node IPAM on its own API server (so that no other test's nodes share the small cluster CIDR). */
class NodeIpamControllerTest {

    @TempDir
    Path dir;

    @Test
    void nodesGetDistinctRangesKeepTheirOwnAndWaitWhenTheCidrIsFull() throws Exception {
        try (ApiServerFixture fixture = new ApiServerFixture(dir)) {
            KubeClient client = fixture.newClient();
            ResourceClient<Node> nodes = client.resources(Node.class);
            nodes.create(new NodeBuilder().withNewMetadata().withName("own").endMetadata().withNewSpec()
                    .withPodCIDR("10.99.1.0/24").withPodCIDRs("10.99.1.0/24").endSpec().build());
            nodes.create(new NodeBuilder().withNewMetadata().withName("hollow").endMetadata().withNewSpec()
                    .withPodCIDR("10.64.0.0/24").withPodCIDRs("10.64.0.0/24").endSpec().build());
            try (ControllerManager manager = new ControllerManager(client)
                    .nodeIpam(new NodeIpamController.Settings("10.99.0.0/22", 24))) {
                manager.start();
                nodes.create(new NodeBuilder().withNewMetadata().withName("a").endMetadata().build());
                nodes.create(new NodeBuilder().withNewMetadata().withName("b").endMetadata().build());
                nodes.create(new NodeBuilder().withNewMetadata().withName("c").endMetadata().build());
                await().ignoreExceptions().atMost(WAIT).untilAsserted(() -> {
                    assertThat(java.util.List.of(cidr(nodes, "a"), cidr(nodes, "b"), cidr(nodes, "c")))
                            .containsExactlyInAnyOrder("10.99.0.0/24", "10.99.2.0/24", "10.99.3.0/24");
                    assertThat(nodes.get(null, "a").getSpec().getPodCIDRs()).containsExactly(cidr(nodes, "a"));
                });
                assertThat(cidr(nodes, "own")).isEqualTo("10.99.1.0/24");
                assertThat(cidr(nodes, "hollow")).isEqualTo("10.64.0.0/24");

                nodes.create(new NodeBuilder().withNewMetadata().withName("d").endMetadata().build());
                await().atMost(WAIT).until(() -> client.resources(Event.class).list("default", ListOptions.ALL).items()
                        .stream().anyMatch(e -> "CIDRNotAvailable".equals(e.getReason())
                                && "d".equals(e.getInvolvedObject().getName())));
                assertThat(cidr(nodes, "d")).isNull();

                String freed = cidr(nodes, "b");
                nodes.delete(null, "b", null);
                await().ignoreExceptions().atMost(WAIT).untilAsserted(() -> assertThat(cidr(nodes, "d")).isEqualTo(freed));
            }
        }
    }

    private static String cidr(ResourceClient<Node> nodes, String name) {
        Node node = nodes.get(null, name);
        return node.getSpec() == null ? null : node.getSpec().getPodCIDR();
    }
}
