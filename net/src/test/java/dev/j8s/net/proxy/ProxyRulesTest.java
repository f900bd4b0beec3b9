package dev.j8s.net.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.j8s.net.endpoints.ServiceEndpoint;
import io.fabric8.kubernetes.api.model.ServiceSpecBuilder;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ProxyRulesTest {

    private static ServiceEndpoint endpoint(String address, boolean ready, boolean serving, boolean terminating) {
        return new ServiceEndpoint(address, 8080, ready, serving, terminating, null, null, null);
    }

    static Stream<Arguments> backendCases() {
        return Stream.of(
                Arguments.of("ready ones only, sorted", List.of(endpoint("10.42.0.9", true, true, false),
                        endpoint("10.42.0.3", true, true, false), endpoint("10.42.0.4", false, false, false)),
                        List.of(new Backend("10.42.0.3", 8080), new Backend("10.42.0.9", 8080))),
                Arguments.of("no ready one: the serving terminating ones", List.of(endpoint("10.42.0.5", false, true, true),
                        endpoint("10.42.0.6", false, false, true)), List.of(new Backend("10.42.0.5", 8080))),
                Arguments.of("ready ones win over terminating ones", List.of(endpoint("10.42.0.5", false, true, true),
                        endpoint("10.42.0.7", true, true, false)), List.of(new Backend("10.42.0.7", 8080))),
                Arguments.of("none", List.of(), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backendCases")
    void backendsAreTheReadyEndpointsWithKubeProxysTerminatingFallback(String name, List<ServiceEndpoint> endpoints,
                                                                     List<Backend> expected) {
        assertThat(ProxyRules.backends(endpoints)).containsExactlyElementsOf(expected);
    }

    static Stream<Arguments> affinityCases() {
        return Stream.of(
                Arguments.of("None", new ServiceSpecBuilder().withSessionAffinity("None").build(), 0),
                Arguments.of("unset", new ServiceSpecBuilder().build(), 0),
                Arguments.of("ClientIP: 3 h by default", new ServiceSpecBuilder().withSessionAffinity("ClientIP").build(), 10800),
                Arguments.of("ClientIP with a timeout", new ServiceSpecBuilder().withSessionAffinity("ClientIP")
                        .withNewSessionAffinityConfig().withNewClientIP().withTimeoutSeconds(60).endClientIP()
                        .endSessionAffinityConfig().build(), 60));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("affinityCases")
    void affinityTimeoutFollowsSessionAffinityConfig(String name, io.fabric8.kubernetes.api.model.ServiceSpec spec,
                                                     int seconds) {
        assertThat(ProxyRules.affinitySeconds(spec)).isEqualTo(seconds);
    }
}
