package dev.j8s.net.proxy;

import static dev.j8s.net.proxy.ProxyFixtures.service;
import static dev.j8s.net.proxy.ProxyFixtures.slice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.j8s.client.ApiServerFixture;
import dev.j8s.client.KubeClient;
import dev.j8s.client.SharedApiServer;
import dev.j8s.client.informer.SharedInformerFactory;
import dev.j8s.net.endpoints.ServiceEndpoints;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The userspace proxy against the real API server: NodePorts on 127.0.0.1 forward to real HTTP upstreams
 * on 127.0.0.2 and 127.0.0.3 through the EndpointSlices the test writes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedApiServer.class)
class ServiceProxyTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    KubeClient client;
    SharedInformerFactory informers;
    TcpForwarder forwarder;
    ServiceProxy proxy;
    Upstreams upstreams = new Upstreams();
    String ns;
    int upstreamPort;

    @BeforeAll
    void start(ApiServerFixture fixture) throws Exception {
        client = fixture.newClient();
        ns = ProxyFixtures.namespace(client, "proxy");
        upstreamPort = Upstreams.freePort();
        upstreams.start("127.0.0.2", upstreamPort, "two");
        upstreams.start("127.0.0.3", upstreamPort, "three");
        informers = new SharedInformerFactory(client);
        forwarder = new TcpForwarder("test-proxy");
        ServiceEndpoints endpoints = new ServiceEndpoints(informers.informerFor(EndpointSlice.class));
        proxy = new ServiceProxy(informers.informerFor(Service.class), endpoints,
                ProxyConfig.defaults(ProxyMode.USERSPACE).withNodePortAddresses(List.of("127.0.0.1/32")),
                forwarder, Clock.systemUTC());
        informers.start();
        proxy.start();
    }

    @AfterAll
    void stop() {
        proxy.close();
        forwarder.close();
        informers.close();
        upstreams.close();
    }

    @Test
    void nodePortOnLoopbackBalancesOverReadyEndpointsAndFollowsChanges() throws Exception {
        int nodePort = Upstreams.freeNodePort();
        client.resources(Service.class).create(service(ns, "web", "NodePort", "10.43.7.1", 80, nodePort, "None"));
        client.resources(EndpointSlice.class).create(slice(ns, "web", upstreamPort, List.of("127.0.0.2", "127.0.0.3")));

        await().ignoreExceptions().atMost(WAIT).until(() -> Upstreams.get("127.0.0.1", nodePort) != null);
        Map<String, Integer> answers = count(nodePort, 20);
        // Round robin over two endpoints: exactly half each.
        assertThat(answers).containsOnly(Map.entry("two", 10), Map.entry("three", 10));

        EndpointSlice only3 = slice(ns, "web", upstreamPort, List.of("127.0.0.3"));
        only3.getMetadata().setResourceVersion(
                client.resources(EndpointSlice.class).get(ns, "web-slice").getMetadata().getResourceVersion());
        client.resources(EndpointSlice.class).update(only3);
        await().atMost(WAIT).untilAsserted(() -> assertThat(count(nodePort, 6)).containsOnlyKeys("three"));
    }

    @Test
    void clientIpAffinitySticksToOneEndpoint() throws Exception {
        int nodePort = Upstreams.freeNodePort();
        client.resources(Service.class).create(service(ns, "sticky", "NodePort", "10.43.7.2", 80, nodePort, "ClientIP"));
        client.resources(EndpointSlice.class).create(slice(ns, "sticky", upstreamPort, List.of("127.0.0.2", "127.0.0.3")));

        await().ignoreExceptions().atMost(WAIT).until(() -> Upstreams.get("127.0.0.1", nodePort) != null);
        assertThat(count(nodePort, 12)).hasSize(1).containsValue(12);
    }

    @Test
    void aNodePortWithoutEndpointsIsRefusedAtOnceAndAConnectFailureTriesAnotherEndpoint() throws Exception {
        int nodePort = Upstreams.freeNodePort();
        client.resources(Service.class).create(service(ns, "empty", "NodePort", "10.43.7.3", 80, nodePort, "None"));
        await().atMost(WAIT).until(() -> proxyListens(nodePort));

        long started = System.nanoTime();
        assertThatThrownBy(() -> Upstreams.get("127.0.0.1", nodePort)).isInstanceOf(IOException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));

        // 127.0.0.4 has nothing listening: every connection lands on 127.0.0.2 after one failed connect.
        client.resources(EndpointSlice.class).create(slice(ns, "empty", upstreamPort, List.of("127.0.0.2", "127.0.0.4")));
        await().ignoreExceptions().atMost(WAIT).untilAsserted(() ->
                assertThat(count(nodePort, 6)).containsOnly(Map.entry("two", 6)));
    }

    @Test
    void burstsOfChangesAreCoalescedIntoFewSyncs() throws Exception {
        long before = proxy.syncs();
        for (int i = 0; i < 20; i++) {
            client.resources(Service.class).create(service(ns, "burst-" + i, "ClusterIP", "10.43.8." + (i + 1), 80, 0, "None"));
        }
        await().atMost(WAIT).until(() -> informers.informerFor(Service.class).indexer().byIndex(dev.j8s.client.informer.Indexes.NAMESPACE, ns).size() >= 20);
        // 20 creations, a sync at most every 200 ms: far fewer syncs than changes.
        await().atMost(WAIT).until(() -> proxy.syncs() > before);
        assertThat(proxy.syncs() - before).isLessThan(20);
    }

    private boolean proxyListens(int port) {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Map<String, Integer> count(int port, int requests) throws IOException {
        Map<String, Integer> answers = new HashMap<>();
        for (int i = 0; i < requests; i++) {
            answers.merge(Upstreams.get("127.0.0.1", port), 1, Integer::sum);
        }
        return answers;
    }
}
