package dev.j8s.net.ingress.route;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VirtualHostPodsTest {

    static Pod pod(String name, String ip, boolean ready, Map<String, String> env, Integer... ports) {
        ContainerBuilder c = new ContainerBuilder().withName("app").withImage("echo");
        env.forEach((k, v) -> c.addNewEnv().withName(k).withValue(v).endEnv());
        for (Integer p : ports) {
            c.addNewPort().withContainerPort(p).endPort();
        }
        return new PodBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata()
                .withNewSpec().withContainers(c.build()).endSpec()
                .withNewStatus().withPodIP(ip).addNewCondition().withType("Ready").withStatus(ready ? "True" : "False")
                .endCondition().endStatus().build();
    }

    @Test
    void hostsGoToReadyPodsOnVirtualPortElseTheOnlyPortElse80() {
        Pod explicit = pod("a", "10.42.0.5", true, Map.of("VIRTUAL_HOST", "Echo.test, www.echo.test", "VIRTUAL_PORT", "8080"), 9000);
        Pod onePort = pod("b", "10.42.0.6", true, Map.of("VIRTUAL_HOST", "echo.test"), 3000);
        Pod twoPorts = pod("c", "10.42.0.7", true, Map.of("VIRTUAL_HOST", "two.test"), 3000, 4000);
        Pod notReady = pod("d", "10.42.0.8", false, Map.of("VIRTUAL_HOST", "echo.test"));
        Pod noIp = pod("e", null, true, Map.of("VIRTUAL_HOST", "echo.test"));
        Pod deleting = pod("f", "10.42.0.9", true, Map.of("VIRTUAL_HOST", "echo.test"));
        deleting.getMetadata().setDeletionTimestamp("2026-01-01T00:00:00Z");
        Pod plain = pod("g", "10.42.0.10", true, Map.of("OTHER", "x"));

        Map<String, Upstreams> routes = VirtualHostPods.routes(List.of(onePort, explicit, twoPorts, notReady, noIp,
                deleting, plain));

        assertThat(routes).containsOnlyKeys("echo.test", "www.echo.test", "two.test");
        assertThat(routes.get("echo.test").addresses()).containsExactly(UpstreamAddress.of("10.42.0.5", 8080),
                UpstreamAddress.of("10.42.0.6", 3000));
        assertThat(routes.get("www.echo.test").addresses()).containsExactly(UpstreamAddress.of("10.42.0.5", 8080));
        assertThat(routes.get("two.test").addresses()).containsExactly(UpstreamAddress.of("10.42.0.7", 80));
        assertThat(VirtualHostPods.claimsHost(plain)).isFalse();
        assertThat(VirtualHostPods.claimsHost(deleting)).isTrue();
    }

    @Test
    void podsSharingAHostTakeTurns() {
        Upstreams shared = VirtualHostPods.routes(List.of(pod("a", "10.42.0.5", true, Map.of("VIRTUAL_HOST", "x.test")),
                pod("b", "10.42.0.6", true, Map.of("VIRTUAL_HOST", "x.test")))).get("x.test");
        assertThat(List.of(shared.next().ip(), shared.next().ip(), shared.next().ip(), shared.next().ip()))
                .containsExactly("10.42.0.5", "10.42.0.6", "10.42.0.5", "10.42.0.6");
    }
}
