package dev.j8s.agent.dns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.j8s.agent.runtime.DnsConfig;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodDNSConfig;
import io.fabric8.kubernetes.api.model.PodDNSConfigBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PodDnsConfigurerTest {

    static final ResolvConf HOST = ResolvConf.parse("""
            # written by the host
            nameserver 192.0.2.53
            nameserver 192.0.2.54
            search corp.example. lab.example
            options edns0 timeout:2
            """);
    static final List<String> CLUSTER_SEARCH = List.of("shop.svc.cluster.local", "svc.cluster.local", "cluster.local",
            "corp.example", "lab.example");
    static final PodDNSConfig CUSTOM = new PodDNSConfigBuilder().withNameservers("203.0.113.1")
            .withSearches("extra.example", "svc.cluster.local")
            .addNewOption().withName("ndots").withValue("2").endOption()
            .addNewOption().withName("single-request").endOption().build();

    static Stream<Arguments> cases() {
        DnsConfig cluster = new DnsConfig(List.of("10.43.0.10"), CLUSTER_SEARCH, List.of("ndots:5"));
        DnsConfig host = new DnsConfig(List.of("192.0.2.53", "192.0.2.54"), List.of("corp.example", "lab.example"),
                List.of("edns0", "timeout:2"));
        return Stream.of(
                Arguments.of(null, false, null, cluster),
                Arguments.of("ClusterFirst", false, null, cluster),
                Arguments.of("ClusterFirst", true, null, host),
                Arguments.of("ClusterFirstWithHostNet", true, null, cluster),
                Arguments.of("ClusterFirstWithHostNet", false, null, cluster),
                Arguments.of("Default", false, null, host),
                Arguments.of("None", false, CUSTOM, new DnsConfig(List.of("203.0.113.1"),
                        List.of("extra.example", "svc.cluster.local"), List.of("ndots:2", "single-request"))),
                Arguments.of("ClusterFirst", false, CUSTOM, new DnsConfig(List.of("10.43.0.10", "203.0.113.1"),
                        Stream.concat(CLUSTER_SEARCH.stream(), Stream.of("extra.example")).toList(),
                        List.of("ndots:2", "single-request"))),
                Arguments.of("Default", false, CUSTOM, new DnsConfig(List.of("192.0.2.53", "192.0.2.54", "203.0.113.1"),
                        List.of("corp.example", "lab.example", "extra.example", "svc.cluster.local"),
                        List.of("edns0", "timeout:2", "ndots:2", "single-request"))));
    }

    @ParameterizedTest(name = "{0} hostNetwork={1} dnsConfig={2}")
    @MethodSource("cases")
    void resolvConfOfAPod(String policy, boolean hostNetwork, PodDNSConfig custom, DnsConfig expected) {
        PodDnsConfigurer configurer = new PodDnsConfigurer(new ClusterDnsSettings(List.of("10.43.0.10"), "cluster.local",
                Path.of("/nonexistent")), HOST);
        assertThat(configurer.configFor(pod(policy, hostNetwork, custom))).isEqualTo(expected);
    }

    @Test
    void withoutClusterDnsClusterFirstFallsBackToTheHost() {
        PodDnsConfigurer configurer = new PodDnsConfigurer(new ClusterDnsSettings(List.of(), "cluster.local",
                Path.of("/nonexistent")), HOST);
        assertThat(configurer.configFor(pod("ClusterFirst", false, null)).servers())
                .containsExactly("192.0.2.53", "192.0.2.54");
    }

    @Test
    void limitsNameserversAndSearches() {
        List<String> many = Stream.iterate(1, i -> i + 1).limit(40).map(i -> "d" + i + ".example").toList();
        PodDNSConfig big = new PodDNSConfigBuilder().withNameservers("203.0.113.1", "203.0.113.2", "203.0.113.3")
                .withSearches(many).build();
        DnsConfig c = new PodDnsConfigurer(new ClusterDnsSettings(List.of("10.43.0.10"), "cluster.local",
                Path.of("/nonexistent")), HOST).configFor(pod("ClusterFirst", false, big));
        assertThat(c.servers()).containsExactly("10.43.0.10", "203.0.113.1", "203.0.113.2");
        assertThat(c.searches()).hasSize(PodDnsConfigurer.MAX_SEARCHES);
    }

    @Test
    void podsAvoidTheHostsLoopbackStub(@TempDir Path dir) throws Exception {
        Path etc = Files.writeString(dir.resolve("resolv.conf"), "nameserver 127.0.0.53\noptions edns0\n");
        Path systemd = Files.writeString(dir.resolve("systemd.conf"), "nameserver 192.0.2.1\n");
        assertThat(ResolvConf.forPods(etc, systemd)).isEqualTo(systemd);
        assertThat(ResolvConf.forPods(etc, dir.resolve("missing"))).isEqualTo(etc);
        Path real = Files.writeString(dir.resolve("real.conf"), "nameserver 192.0.2.9\n");
        assertThat(ResolvConf.forPods(real, systemd)).isEqualTo(real);
    }

    static Pod pod(String policy, boolean hostNetwork, PodDNSConfig custom) {
        return new PodBuilder().withNewMetadata().withName("p").withNamespace("shop").endMetadata()
                .withNewSpec().withDnsPolicy(policy).withHostNetwork(hostNetwork).withDnsConfig(custom)
                .addNewContainer().withName("c").withImage("busybox").endContainer().endSpec().build();
    }
}
