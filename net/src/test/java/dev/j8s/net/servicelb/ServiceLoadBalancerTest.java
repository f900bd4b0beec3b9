package dev.j8s.net.servicelb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.j8s.client.ApiServerFixture;
import dev.j8s.client.KubeClient;
import dev.j8s.client.ListOptions;
import dev.j8s.client.PatchType;
import dev.j8s.client.SharedApiServer;
import dev.j8s.client.events.ApiEventSink;
import dev.j8s.client.events.EventBroadcaster;
import dev.j8s.client.events.EventSource;
import dev.j8s.client.informer.SharedInformerFactory;
import dev.j8s.net.endpoints.ServiceEndpoints;
import dev.j8s.net.proxy.ProxyFixtures;
import dev.j8s.net.proxy.Upstreams;
import dev.j8s.net.proxy.TcpForwarder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** The built-in service LB against the real API server, serving on 127.0.0.1 with 127.0.0.1 as its address. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedApiServer.class)
class ServiceLoadBalancerTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    KubeClient client;
    SharedInformerFactory informers;
    EventBroadcaster events;
    TcpForwarder forwarder;
    ServiceLoadBalancer serviceLb;
    Upstreams upstreams = new Upstreams();
    String ns;
    int upstreamPort;

    @BeforeAll
    void start(ApiServerFixture fixture) throws Exception {
        client = fixture.newClient();
        ns = ProxyFixtures.namespace(client, "servicelb");
        upstreamPort = Upstreams.freePort();
        upstreams.start("127.0.0.2", upstreamPort, "two");
        informers = new SharedInformerFactory(client);
        events = new EventBroadcaster("servicelb-test", new ApiEventSink(client.resources(Event.class)), Clock.systemUTC());
        forwarder = new TcpForwarder("test-servicelb");
        serviceLb = new ServiceLoadBalancer(informers.informerFor(Service.class),
                new ServiceEndpoints(informers.informerFor(EndpointSlice.class)), client.resources(Service.class),
                events.newRecorder(new EventSource("j8s-servicelb", "node-1")),
                new ServiceLoadBalancer.Config("127.0.0.1", "127.0.0.1"), forwarder, Clock.systemUTC());
        informers.start();
        serviceLb.start();
    }

    @AfterAll
    void stop() {
        serviceLb.close();
        forwarder.close();
        informers.close();
        events.close();
        upstreams.close();
    }

    @Test
    void aLoadBalancerServiceGetsTheNodeAddressAndItsPortAnswersUntilTheTypeChanges() throws Exception {
        int port = Upstreams.freePort();
        client.resources(Service.class).create(ProxyFixtures.service(ns, "lb", "LoadBalancer", "10.43.9.1", port, 0, "None"));
        client.resources(EndpointSlice.class).create(ProxyFixtures.slice(ns, "lb", upstreamPort, List.of("127.0.0.2")));

        await().atMost(WAIT).untilAsserted(() -> assertThat(ingress("lb")).extracting(LoadBalancerIngress::getIp)
                .containsExactly("127.0.0.1"));
        await().ignoreExceptions().atMost(WAIT).untilAsserted(() ->
                assertThat(Upstreams.get("127.0.0.1", port)).isEqualTo("two"));

        client.resources(Service.class).patch(ns, "lb", PatchType.MERGE, "{\"spec\":{\"type\":\"ClusterIP\",\"externalTrafficPolicy\":null,\"allocateLoadBalancerNodePorts\":null}}");
        await().atMost(WAIT).untilAsserted(() -> assertThat(ingress("lb")).isEmpty());
        await().atMost(WAIT).untilAsserted(() ->
                assertThatThrownBy(() -> Upstreams.get("127.0.0.1", port)).isInstanceOf(IOException.class));
    }

    @Test
    void aPortTakenOnTheNodeLeavesTheServicePendingWithAnEventUntilItIsFree() throws Exception {
        int port = Upstreams.freePort();
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", port));
            client.resources(Service.class).create(ProxyFixtures.service(ns, "busy", "LoadBalancer", "10.43.9.2", port, 0, "None"));

            await().atMost(WAIT).untilAsserted(() -> assertThat(client.resources(Event.class)
                    .list(ns, ListOptions.ALL).items()).anySatisfy(e -> {
                        assertThat(e.getReason()).isEqualTo("PortUnavailable");
                        assertThat(e.getType()).isEqualTo("Warning");
                        assertThat(e.getInvolvedObject().getName()).isEqualTo("busy");
                        assertThat(e.getMessage()).contains("127.0.0.1:" + port);
                    }));
            assertThat(ingress("busy")).isEmpty();
        }
        // The sync retries busy ports: once free, the Service gets its address.
        await().atMost(WAIT).untilAsserted(() -> assertThat(ingress("busy")).extracting(LoadBalancerIngress::getIp)
                .containsExactly("127.0.0.1"));
    }

    private List<LoadBalancerIngress> ingress(String name) {
        Service service = client.resources(Service.class).get(ns, name);
        return service.getStatus() == null || service.getStatus().getLoadBalancer() == null
                || service.getStatus().getLoadBalancer().getIngress() == null
                ? List.of() : service.getStatus().getLoadBalancer().getIngress();
    }
}
