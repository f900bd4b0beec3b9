package dev.j8s.net.proxy;

import static dev.j8s.net.proxy.ProxyFixtures.service;
import static dev.j8s.net.proxy.ProxyFixtures.slice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.j8s.client.ApiServerFixture;
import dev.j8s.client.KubeClient;
import dev.j8s.client.SharedApiServer;
import dev.j8s.client.informer.SharedInformerFactory;
import dev.j8s.net.endpoints.ServiceEndpoints;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nftables proxy for real, inside network namespaces this test creates: a "node" that routes and
 * holds j8s's table, a "pod" with an HTTP server on its pod IP, and a "client" on another network.
 * Needs root and nft (scripts/install-node-deps.sh); without them it fails, it does not skip.
 */
@ExtendWith(SharedApiServer.class)
class NftablesProxyTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String POD_IP = "10.42.99.2";
    private static final String CLIENT_IP = "192.168.99.2";
    private static final String NODE_IP = "192.168.99.1";

    @Test
    void clusterIpAndNodePortAreDnatedToThePodFromAnotherNetworkTheNodeAndThePodItself(ApiServerFixture fixture,
                                                                                      @TempDir Path www)
            throws Exception {
        assertThat(NftApplier.host().whyNot()).as("nft must be installed and usable (root): run "
                + "scripts/install-node-deps.sh as root").isNull();
        Files.writeString(www.resolve("index.html"), "pod\n");
        KubeClient client = fixture.newClient();
        String ns = ProxyFixtures.namespace(client, "nft");
        int nodePort = Upstreams.freeNodePort();
        try (NetnsLab lab = new NetnsLab()) {
            lab.namespace("node");
            lab.namespace("pod");
            lab.namespace("client");
            lab.in("node", "sysctl", "-qw", "net.ipv4.ip_forward=1");
            lab.wire("pod", POD_IP, "10.42.99.1");
            lab.wire("client", CLIENT_IP, NODE_IP);
            // The node reaches ClusterIPs through some route, as a host does through its default route.
            lab.in("node", "ip", "route", "add", "10.43.0.0/16", "via", CLIENT_IP);
            lab.background("pod", "busybox", "httpd", "-f", "-p", POD_IP + ":8080", "-h", www.toString());

            ProxyConfig config = ProxyConfig.defaults(ProxyMode.NFTABLES)
                    .withNft("j8s", List.of("ip", "netns", "exec", lab.ns("node"), "nft"));
            try (SharedInformerFactory informers = new SharedInformerFactory(client);
                 TcpForwarder forwarder = new TcpForwarder("test-nft")) {
                ServiceProxy proxy = new ServiceProxy(informers.informerFor(Service.class),
                        new ServiceEndpoints(informers.informerFor(EndpointSlice.class)), config, forwarder,
                        Clock.systemUTC());
                try {
                    informers.start();
                    proxy.start();
                    client.resources(Service.class).create(service(ns, "web", "NodePort", "10.43.99.10", 80, nodePort, "None"));
                    client.resources(EndpointSlice.class).create(slice(ns, "web", 8080, List.of(POD_IP)));
                    client.resources(Service.class).create(service(ns, "empty", "ClusterIP", "10.43.99.11", 80, 0, "None"));

                    await().atMost(WAIT).untilAsserted(() ->
                            assertThat(curl(lab, "client", "http://10.43.99.10/")).isEqualTo(new NetnsLab.Result(0, "pod\n")));
                    assertThat(proxy.lastRuleset()).contains("10.43.99.10 . tcp . 80");
                    // From the node itself (output hook), and hairpin: the pod through its own Service.
                    assertThat(curl(lab, "node", "http://10.43.99.10/")).isEqualTo(new NetnsLab.Result(0, "pod\n"));
                    assertThat(curl(lab, "pod", "http://10.43.99.10/")).isEqualTo(new NetnsLab.Result(0, "pod\n"));
                    // NodePort on the node's address.
                    assertThat(curl(lab, "client", "http://" + NODE_IP + ":" + nodePort + "/"))
                            .isEqualTo(new NetnsLab.Result(0, "pod\n"));

                    // No endpoints: refused at once (curl exit 7), not a 5 s timeout (exit 28).
                    long started = System.nanoTime();
                    assertThat(curl(lab, "client", "http://10.43.99.11/").exit()).isEqualTo(7);
                    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
                } finally {
                    proxy.close();
                }
                // Closing removes the table.
                assertThat(lab.in("node", "nft", "list", "tables")).doesNotContain("j8s");
            }
        }
    }

    private static NetnsLab.Result curl(NetnsLab lab, String role, String url) throws Exception {
        NetnsLab.Result result = lab.attempt(role, "curl", "-sS", "--max-time", "5", url);
        return result.exit() == 0 ? result : new NetnsLab.Result(result.exit(), "");
    }
}
