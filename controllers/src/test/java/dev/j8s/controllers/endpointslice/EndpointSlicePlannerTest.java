package dev.j8s.controllers.endpointslice;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EndpointSlicePlannerTest {

    private static Service service(boolean publishNotReady, Object targetPort) {
        return new ServiceBuilder().withNewMetadata().withName("web").withNamespace("ns").withUid("svc-uid")
                .addToLabels("team", "a").endMetadata()
                .withNewSpec().withSelector(Map.of("app", "web")).withClusterIP("10.43.0.20")
                .withPublishNotReadyAddresses(publishNotReady)
                .addNewPort().withName("http").withPort(80).withProtocol("TCP")
                .withTargetPort(targetPort instanceof Integer i ? new IntOrString(i) : new IntOrString((String) targetPort))
                .endPort().endSpec().build();
    }

    /** A pod; state is one of ready, unready, terminating-ready, terminating-unready, no-ip, succeeded. */
    private static Pod pod(String name, String ip, String state, int httpPort) {
        boolean ready = state.endsWith("ready") && !state.endsWith("unready");
        return new PodBuilder().withNewMetadata().withName(name).withNamespace("ns").withUid(name + "-uid")
                .addToLabels("app", "web")
                .withDeletionTimestamp(state.startsWith("terminating") ? "2026-01-01T00:00:00Z" : null).endMetadata()
                .withNewSpec().withNodeName("node-1").addNewContainer().withName("app").addNewPort().withName("http")
                .withContainerPort(httpPort).withProtocol("TCP").endPort().endContainer().endSpec()
                .withNewStatus().withPhase(state.equals("succeeded") ? "Succeeded" : "Running")
                .withPodIP(state.equals("no-ip") ? null : ip)
                .addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition()
                .endStatus().build();
    }

    static Stream<Arguments> conditions() {
        // state, publishNotReadyAddresses → listed, ready, serving, terminating
        return Stream.of(
                Arguments.of("ready", false, true, true, true, false),
                Arguments.of("unready", false, true, false, false, false),
                Arguments.of("terminating-ready", false, true, false, true, true),
                Arguments.of("terminating-unready", false, true, false, false, true),
                Arguments.of("unready", true, true, true, true, false),
                Arguments.of("terminating-unready", true, true, true, true, true),
                Arguments.of("no-ip", false, false, false, false, false),
                Arguments.of("succeeded", false, false, false, false, false));
    }

    @ParameterizedTest(name = "{0}, publishNotReady={1}")
    @MethodSource("conditions")
    void conditionsAsKubernetesComputesThem(String state, boolean publishNotReady, boolean listed, boolean ready,
                                            boolean serving, boolean terminating) {
        EndpointSlicePlanner.Plan plan = EndpointSlicePlanner.plan(service(publishNotReady, 8080),
                List.of(pod("p", "10.42.0.5", state, 8080)), n -> "zone-a", List.of(), 100);
        assertThat(plan.creates()).hasSize(1);
        EndpointSlice slice = plan.creates().get(0);
        if (!listed) {
            assertThat(slice.getEndpoints()).isEmpty();
            assertThat(slice.getPorts()).isNull();
            return;
        }
        Endpoint e = slice.getEndpoints().get(0);
        assertThat(e.getConditions().getReady()).isEqualTo(ready);
        assertThat(e.getConditions().getServing()).isEqualTo(serving);
        assertThat(e.getConditions().getTerminating()).isEqualTo(terminating);
        assertThat(e.getAddresses()).containsExactly("10.42.0.5");
        assertThat(e.getNodeName()).isEqualTo("node-1");
        assertThat(e.getZone()).isEqualTo("zone-a");
        assertThat(e.getTargetRef().getKind()).isEqualTo("Pod");
        assertThat(e.getTargetRef().getUid()).isEqualTo("p-uid");
    }

    @Test
    void namedPortsResolvePerPodAndSplitSlices() {
        EndpointSlicePlanner.Plan plan = EndpointSlicePlanner.plan(service(false, "http"),
                List.of(pod("a", "10.42.0.1", "ready", 8080), pod("b", "10.42.0.2", "ready", 9090),
                        pod("c", "10.42.0.3", "ready", 8080)), n -> null, List.of(), 100);
        assertThat(plan.creates()).hasSize(2);
        assertThat(plan.creates()).anySatisfy(s -> {
            assertThat(s.getPorts().get(0).getPort()).isEqualTo(8080);
            assertThat(s.getPorts().get(0).getName()).isEqualTo("http");
            assertThat(s.getEndpoints()).extracting(e -> e.getAddresses().get(0)).containsExactly("10.42.0.1", "10.42.0.3");
        });
        assertThat(plan.creates()).anySatisfy(s -> {
            assertThat(s.getPorts().get(0).getPort()).isEqualTo(9090);
            assertThat(s.getEndpoints()).hasSize(1);
        });
        EndpointSlice first = plan.creates().get(0);
        assertThat(first.getMetadata().getGenerateName()).isEqualTo("web-");
        assertThat(first.getMetadata().getLabels()).containsEntry("kubernetes.io/service-name", "web")
                .containsEntry("endpointslice.kubernetes.io/managed-by", "endpointslice-controller.k8s.io")
                .containsEntry("team", "a");
        assertThat(first.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(r -> assertThat(r.getUid()).isEqualTo("svc-uid"));
        assertThat(first.getAddressType()).isEqualTo("IPv4");
    }

    @Test
    void slicesHoldAtMostTheMaximumAndExistingOnesAreUpdatedInPlace() {
        List<Pod> pods = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            pods.add(pod("p" + i, "10.42.0." + i, "ready", 8080));
        }
        EndpointSlicePlanner.Plan first = EndpointSlicePlanner.plan(service(false, 8080), pods, n -> null, List.of(), 2);
        assertThat(first.creates()).extracting(s -> s.getEndpoints().size()).containsExactly(2, 2, 1);

        List<EndpointSlice> existing = new ArrayList<>();
        for (int i = 0; i < first.creates().size(); i++) {
            existing.add(new EndpointSliceBuilder(first.creates().get(i)).editMetadata().withName("web-" + i)
                    .withResourceVersion("1").endMetadata().build());
        }
        assertThat(EndpointSlicePlanner.plan(service(false, 8080), pods, n -> null, existing, 2).isEmpty()).isTrue();

        // p2 goes, p6 arrives: the slice that lost p2 takes p6; nothing is created or deleted.
        List<Pod> changed = new ArrayList<>(pods);
        changed.remove(1);
        changed.add(pod("p6", "10.42.0.6", "ready", 8080));
        EndpointSlicePlanner.Plan churn = EndpointSlicePlanner.plan(service(false, 8080), changed, n -> null, existing, 2);
        assertThat(churn.creates()).isEmpty();
        assertThat(churn.deletes()).isEmpty();
        assertThat(churn.updates()).singleElement().satisfies(s -> {
            assertThat(s.getMetadata().getName()).isEqualTo("web-0");
            assertThat(s.getEndpoints()).extracting(e -> e.getAddresses().get(0)).containsExactly("10.42.0.1", "10.42.0.6");
        });

        // Everything gone: one placeholder remains, the rest are deleted.
        EndpointSlicePlanner.Plan none = EndpointSlicePlanner.plan(service(false, 8080), List.of(), n -> null, existing, 2);
        assertThat(none.deletes()).hasSize(3);
        assertThat(none.creates()).singleElement().satisfies(s -> assertThat(s.getEndpoints()).isEmpty());
    }

    @Test
    void statefulSetPodsGetTheirHostnameUnderTheirGoverningService() {
        Pod pod = new PodBuilder(pod("db-0", "10.42.0.9", "ready", 8080)).editSpec().withHostname("db-0")
                .withSubdomain("web").endSpec().build();
        Pod other = new PodBuilder(pod("db-1", "10.42.0.10", "ready", 8080)).editSpec().withHostname("db-1")
                .withSubdomain("elsewhere").endSpec().build();
        List<Endpoint> endpoints = EndpointSlicePlanner.plan(service(false, 8080), List.of(pod, other), n -> null,
                List.of(), 100).creates().get(0).getEndpoints();
        assertThat(endpoints).extracting(Endpoint::getHostname).containsExactly("db-0", null);
    }

    @Test
    void headlessServicesAreLabelled() {
        Service headless = new ServiceBuilder(service(false, 8080)).editSpec().withClusterIP("None").endSpec().build();
        assertThat(EndpointSlicePlanner.labels(headless)).containsEntry("service.kubernetes.io/headless", "");
    }
}
