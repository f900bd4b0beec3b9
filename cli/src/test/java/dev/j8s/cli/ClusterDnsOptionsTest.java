package dev.j8s.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.j8s.net.dns.ClusterDns;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

class ClusterDnsOptionsTest {

    @ParameterizedTest
    @CsvSource({"127.0.0.1:10053, 127.0.0.1, 10053", "10.42.0.1, 10.42.0.1, 53", "'[::1]:5353', ::1, 5353",
            "'[::1]', ::1, 53"})
    void listenAddresses(String flag, String ip, int port) throws Exception {
        InetSocketAddress a = ClusterDnsOptions.parse(flag);
        assertThat(a.getAddress().getHostAddress()).isEqualTo(new InetSocketAddress(ip, 0).getAddress().getHostAddress());
        assertThat(a.getPort()).isEqualTo(port);
    }

    @Test
    void serverFlagsReachTheDnsAndTheKubelet() throws Exception {
        ServerCommand command = new ServerCommand();
        new CommandLine(command).parseArgs("--cluster-dns", "10.43.0.77", "--cluster-domain", "k8s.example",
                "--dns-listen", "127.0.0.1:5353", "--resolv-conf", "/tmp/resolv.conf");
        ClusterDns.Config config = command.dnsOptions.config("n1");
        assertThat(config.clusterDnsIp()).isEqualTo("10.43.0.77");
        assertThat(config.clusterDomain()).isEqualTo("k8s.example");
        assertThat(config.listen()).isEqualTo(ClusterDns.Listen.fixed(new InetSocketAddress("127.0.0.1", 5353)));
        assertThat(config.resolvConf()).isEqualTo(Path.of("/tmp/resolv.conf"));
        assertThat(command.dnsOptions.kubelet.settings().clusterDns()).containsExactly("10.43.0.77");
        assertThat(command.dnsOptions.kubelet.settings().clusterDomain()).isEqualTo("k8s.example");
        assertThat(command.dnsOptions.kubelet.settings().resolvConf()).isEqualTo(Path.of("/tmp/resolv.conf"));
    }

    @Test
    void defaultsFollowTheSharedFacts() throws Exception {
        ServerCommand command = new ServerCommand();
        new CommandLine(command).parseArgs();
        ClusterDns.Config config = command.dnsOptions.config("n1");
        assertThat(config.clusterDnsIp()).isEqualTo("10.43.0.10");
        assertThat(config.clusterDomain()).isEqualTo("cluster.local");
        assertThat(config.listen().fallback()).isEqualTo(new InetSocketAddress("127.0.0.1", 10053));
        assertThat(config.listen().anyPortIfBusy()).isTrue();
        assertThat(command.dnsOptions.disabled).isFalse();
    }
}
