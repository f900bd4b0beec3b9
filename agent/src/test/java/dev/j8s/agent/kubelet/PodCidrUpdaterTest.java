package dev.j8s.agent.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.j8s.agent.runtime.ContainerRuntime;
import dev.j8s.client.ApiServerFixture;
import dev.j8s.client.SharedApiServer;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The node's spec.podCIDR reaches the runtime; without one, the default does after the wait. */
@ExtendWith(SharedApiServer.class)
class PodCidrUpdaterTest {

    private final List<String> passed = new CopyOnWriteArrayList<>();

    /** A runtime that only records what it is told (the other methods are not used here). */
    private ContainerRuntime recordingRuntime() {
        return (ContainerRuntime) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {ContainerRuntime.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("updatePodCidr")) {
                        passed.add((String) args[0]);
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void passesTheAssignedPodCidr(ApiServerFixture api) throws Exception {
        var nodes = api.newClient().resources(Node.class);
        nodes.create(new NodeBuilder().withNewMetadata().withName("cidr-node").endMetadata()
                .withNewSpec().withPodCIDR("10.42.7.0/24").withPodCIDRs("10.42.7.0/24").endSpec().build());
        PodCidrUpdater updater = new PodCidrUpdater(nodes, recordingRuntime(), "cidr-node", "10.42.0.0/24",
                Duration.ofSeconds(30), Clock.systemUTC());
        assertThat(updater.run()).isEqualTo("10.42.7.0/24");
        assertThat(passed).containsExactly("10.42.7.0/24");
    }

    @Test
    void fallsBackToTheDefaultWhenNoneIsAssignedInTime(ApiServerFixture api) throws Exception {
        var nodes = api.newClient().resources(Node.class);
        nodes.create(new NodeBuilder().withNewMetadata().withName("no-cidr-node").endMetadata().build());
        PodCidrUpdater updater = new PodCidrUpdater(nodes, recordingRuntime(), "no-cidr-node", "10.42.0.0/24",
                Duration.ofMillis(500), Clock.systemUTC());
        assertThat(updater.run()).isEqualTo("10.42.0.0/24");
        assertThat(passed).containsExactly("10.42.0.0/24");
    }

    @Test
    void podCidrsListsEveryFamily() {
        assertThat(PodCidrUpdater.podCidrs(new NodeBuilder().withNewSpec().withPodCIDR("10.42.1.0/24")
                .withPodCIDRs("10.42.1.0/24", "fd00:42:1::/64").endSpec().build())).isEqualTo("10.42.1.0/24,fd00:42:1::/64");
        assertThat(PodCidrUpdater.podCidrs(new NodeBuilder().withNewSpec().withPodCIDR("10.42.1.0/24").endSpec().build()))
                .isEqualTo("10.42.1.0/24");
        assertThat(PodCidrUpdater.podCidrs(new NodeBuilder().withNewSpec().endSpec().build())).isNull();
        assertThat(PodCidrUpdater.podCidrs(null)).isNull();
    }
}
