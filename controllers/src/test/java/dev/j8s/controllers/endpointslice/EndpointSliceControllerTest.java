package dev.j8s.controllers.endpointslice;

import static dev.j8s.controllers.ControllerTestSupport.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.j8s.client.ApiServerFixture;
import dev.j8s.client.KubeClient;
import dev.j8s.client.ListOptions;
import dev.j8s.client.PatchType;
import dev.j8s.client.ResourceClient;
import dev.j8s.client.SharedApiServer;
import dev.j8s.controllers.ControllerManager;
import dev.j8s.controllers.ControllerTestSupport;
import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** The EndpointSlice and Endpoints controllers against the real API server, with pods whose status the test writes. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedApiServer.class)
class EndpointSliceControllerTest {

    KubeClient client;
    ControllerManager manager;
    String ns;
    ResourceClient<Pod> pods;
    ResourceClient<EndpointSlice> slices;

    @BeforeAll
    void start(ApiServerFixture fixture) throws Exception {
        client = fixture.newClient();
        ns = ControllerTestSupport.namespace(client, "eps-test");
        manager = new ControllerManager(client);
        manager.start();
        pods = client.resources(Pod.class);
        slices = client.resources(EndpointSlice.class);
    }

    @AfterAll
    void stop() {
        manager.close();
    }

    private Pod runningPod(String name, String app, String ip, int httpPort, boolean ready) {
        pods.create(new PodBuilder().withNewMetadata().withName(name).withNamespace(ns).addToLabels("app", app)
                .endMetadata().withNewSpec().withNodeName("node-x").addNewContainer().withName("app").withImage("nginx")
                .addNewPort().withName("http").withContainerPort(httpPort).endPort().endContainer().endSpec().build());
        return setStatus(name, ip, ready);
    }

    private Pod setStatus(String name, String ip, boolean ready) {
        Pod pod = pods.get(ns, name);
        pod.setStatus(new io.fabric8.kubernetes.api.model.PodStatusBuilder().withPhase("Running").withPodIP(ip)
                .addNewPodIP().withIp(ip).endPodIP()
                .addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition().build());
        return pods.updateStatus(pod);
    }

    private List<EndpointSlice> slicesOf(String service) {
        return slices.list(ns, ListOptions.ALL.withLabelSelector("kubernetes.io/service-name=" + service)).items();
    }

    private static List<Endpoint> endpoints(List<EndpointSlice> slices) {
        return slices.stream().flatMap(s -> s.getEndpoints() == null ? java.util.stream.Stream.empty()
                : s.getEndpoints().stream()).toList();
    }

    @Test
    void slicesFollowPodsWithNamedPortsConditionsAndTermination() {
        runningPod("a", "web", "10.42.1.1", 8080, true);
        runningPod("b", "web", "10.42.1.2", 9090, true);
        runningPod("c", "web", "10.42.1.3", 8080, false);
        Service svc = client.resources(Service.class).create(new ServiceBuilder().withNewMetadata().withName("web")
                .withNamespace(ns).endMetadata().withNewSpec().addToSelector("app", "web").addNewPort().withName("http")
                .withPort(80).withTargetPort(new IntOrString("http")).endPort().endSpec().build());
        assertThat(svc.getSpec().getClusterIP()).startsWith("10.43.");

        await().ignoreExceptions().atMost(WAIT).untilAsserted(() -> {
            List<EndpointSlice> current = slicesOf("web");
            assertThat(current).hasSize(2);
            EndpointSlice s8080 = current.stream().filter(s -> s.getPorts().get(0).getPort() == 8080).findFirst()
                    .orElseThrow();
            assertThat(s8080.getEndpoints()).extracting(e -> e.getAddresses().get(0))
                    .containsExactlyInAnyOrder("10.42.1.1", "10.42.1.3");
            assertThat(s8080.getMetadata().getName()).startsWith("web-");
            assertThat(s8080.getMetadata().getLabels()).containsEntry("endpointslice.kubernetes.io/managed-by",
                    "endpointslice-controller.k8s.io");
            assertThat(s8080.getMetadata().getOwnerReferences()).singleElement()
                    .satisfies(r -> assertThat(r.getUid()).isEqualTo(svc.getMetadata().getUid()));
            Endpoint c = s8080.getEndpoints().stream().filter(e -> e.getAddresses().get(0).equals("10.42.1.3"))
                    .findFirst().orElseThrow();
            assertThat(c.getConditions().getReady()).isFalse();
            assertThat(c.getTargetRef().getName()).isEqualTo("c");
            assertThat(c.getNodeName()).isEqualTo("node-x");
        });
        await().ignoreExceptions().atMost(WAIT).untilAsserted(() -> {
            Endpoints legacy = client.resources(Endpoints.class).get(ns, "web");
            assertThat(legacy.getSubsets()).hasSize(2);
            assertThat(legacy.getSubsets().stream().flatMap(s -> s.getAddresses() == null ? java.util.stream.Stream.empty()
                    : s.getAddresses().stream()).map(EndpointAddress::getIp)).containsExactlyInAnyOrder("10.42.1.1",
                    "10.42.1.2");
            assertThat(legacy.getSubsets().stream().flatMap(s -> s.getNotReadyAddresses() == null
                    ? java.util.stream.Stream.empty() : s.getNotReadyAddresses().stream()).map(EndpointAddress::getIp))
                    .containsExactly("10.42.1.3");
        });
        String nameBefore = slicesOf("web").stream().filter(s -> s.getPorts().get(0).getPort() == 8080).findFirst()
                .orElseThrow().getMetadata().getName();

        // c becomes ready: the same slice is updated in place.
        setStatus("c", "10.42.1.3", true);
        await().ignoreExceptions().atMost(WAIT).untilAsserted(() -> {
            EndpointSlice s8080 = slicesOf("web").stream().filter(s -> s.getPorts().get(0).getPort() == 8080)
                    .findFirst().orElseThrow();
            assertThat(s8080.getMetadata().getName()).isEqualTo(nameBefore);
            assertThat(s8080.getEndpoints()).allSatisfy(e -> assertThat(e.getConditions().getReady()).isTrue());
        });

        // a terminates but a finalizer holds it: listed as terminating, serving while ready, not ready.
        pods.patch(ns, "a", PatchType.MERGE, "{\"metadata\":{\"finalizers\":[\"test.j8s.dev/hold\"]}}");
        pods.delete(ns, "a", null);
        await().ignoreExceptions().atMost(WAIT).untilAsserted(() -> {
            Endpoint a = endpoints(slicesOf("web")).stream().filter(e -> e.getAddresses().get(0).equals("10.42.1.1"))
                    .findFirst().orElseThrow();
            assertThat(a.getConditions().getTerminating()).isTrue();
            assertThat(a.getConditions().getServing()).isTrue();
            assertThat(a.getConditions().getReady()).isFalse();
            Endpoints legacy = client.resources(Endpoints.class).get(ns, "web");
            assertThat(legacy.getSubsets().stream().flatMap(s -> s.getAddresses().stream()).map(EndpointAddress::getIp))
                    .doesNotContain("10.42.1.1");
        });
        pods.patch(ns, "a", PatchType.MERGE, "{\"metadata\":{\"finalizers\":null}}");
        await().ignoreExceptions().atMost(WAIT).untilAsserted(() -> assertThat(endpoints(slicesOf("web")))
                .extracting(e -> e.getAddresses().get(0)).containsExactlyInAnyOrder("10.42.1.2", "10.42.1.3"));

        // A pod relabelled out of the selector leaves; the service's deletion takes its slices along.
        pods.patch(ns, "b", PatchType.MERGE, "{\"metadata\":{\"labels\":{\"app\":\"other\"}}}");
        await().ignoreExceptions().atMost(WAIT).untilAsserted(() -> {
            assertThat(slicesOf("web")).hasSize(1);
            assertThat(endpoints(slicesOf("web"))).extracting(e -> e.getAddresses().get(0)).containsExactly("10.42.1.3");
        });
    }

    @Test
    void aServiceWithoutPodsHasOnePlaceholderSliceAndSelectorlessServicesAreLeftAlone() {
        client.resources(Service.class).create(new ServiceBuilder().withNewMetadata().withName("lonely")
                .withNamespace(ns).endMetadata().withNewSpec().addToSelector("app", "nobody").addNewPort().withPort(80)
                .endPort().endSpec().build());
        client.resources(Service.class).create(new ServiceBuilder().withNewMetadata().withName("manual")
                .withNamespace(ns).endMetadata().withNewSpec().addNewPort().withPort(80).endPort().endSpec().build());
        await().ignoreExceptions().atMost(WAIT).untilAsserted(() -> assertThat(slicesOf("lonely")).singleElement()
                .satisfies(s -> {
                    assertThat(s.getEndpoints()).isEmpty();
                    assertThat(s.getPorts()).isNullOrEmpty();
                }));
        runningPod("l1", "nobody", "10.42.2.1", 80, true);
        await().ignoreExceptions().atMost(WAIT).untilAsserted(() -> assertThat(slicesOf("lonely")).singleElement()
                .satisfies(s -> assertThat(s.getEndpoints()).hasSize(1)));
        assertThat(slicesOf("manual")).isEmpty();
        assertThat(client.resources(Endpoints.class).list(ns, ListOptions.ALL).items())
                .noneMatch(e -> Objects.equals(e.getMetadata().getName(), "manual"));
    }
}
