package dev.j8s.controllers.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EndpointsPlannerTest {

    private static Service service(boolean publishNotReady) {
        return new ServiceBuilder().withNewMetadata().withName("web").withNamespace("ns").endMetadata()
                .withNewSpec().withSelector(Map.of("app", "web")).withPublishNotReadyAddresses(publishNotReady)
                .addNewPort().withPort(80).withProtocol("TCP").withTargetPort(new IntOrString("http")).endPort()
                .endSpec().build();
    }

    private static Pod pod(String name, String ip, boolean ready, boolean terminating, int port) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace("ns").withUid(name)
                .withDeletionTimestamp(terminating ? "2026-01-01T00:00:00Z" : null).endMetadata()
                .withNewSpec().withNodeName("n1").addNewContainer().withName("c").addNewPort().withName("http")
                .withContainerPort(port).endPort().endContainer().endSpec()
                .withNewStatus().withPhase("Running").withPodIP(ip).addNewCondition().withType("Ready")
                .withStatus(ready ? "True" : "False").endCondition().endStatus().build();
    }

    @Test
    void readyAndNotReadyAddressesGroupedByResolvedPorts() {
        List<EndpointSubset> subsets = EndpointsPlanner.subsets(service(false), List.of(
                pod("b", "10.42.0.2", true, false, 8080), pod("a", "10.42.0.1", true, false, 8080),
                pod("c", "10.42.0.3", false, false, 8080), pod("d", "10.42.0.4", true, false, 9090),
                pod("t", "10.42.0.5", true, true, 8080)));
        assertThat(subsets).hasSize(2);
        EndpointSubset s8080 = subsets.stream().filter(s -> s.getPorts().get(0).getPort() == 8080).findFirst().orElseThrow();
        assertThat(s8080.getAddresses()).extracting(EndpointAddress::getIp).containsExactly("10.42.0.1", "10.42.0.2");
        assertThat(s8080.getNotReadyAddresses()).extracting(EndpointAddress::getIp).containsExactly("10.42.0.3");
        assertThat(s8080.getAddresses().get(0).getTargetRef().getName()).isEqualTo("a");
        assertThat(s8080.getAddresses().get(0).getNodeName()).isEqualTo("n1");
    }

    @Test
    void publishNotReadyAddressesListsEveryPodAsReady() {
        List<EndpointSubset> subsets = EndpointsPlanner.subsets(service(true), List.of(
                pod("c", "10.42.0.3", false, false, 8080), pod("t", "10.42.0.5", false, true, 8080)));
        assertThat(subsets).singleElement().satisfies(s -> {
            assertThat(s.getAddresses()).extracting(EndpointAddress::getIp).containsExactly("10.42.0.3", "10.42.0.5");
            assertThat(s.getNotReadyAddresses()).isNull();
        });
    }
}
