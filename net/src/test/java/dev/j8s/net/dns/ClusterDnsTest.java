package dev.j8s.net.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.j8s.client.ApiServerFixture;
import dev.j8s.client.KubeClient;
import dev.j8s.net.endpoints.ServiceEndpoints;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPortBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * The cluster DNS against the real API server: records follow Services and EndpointSlices created
 * through the API, queried with dnsjava's resolver over UDP and TCP on 127.0.0.1, and other names go
 * to a fake upstream on 127.0.0.1.
 */
class ClusterDnsTest {

    @TempDir
    static Path dir;
    static ApiServerFixture api;
    static KubeClient client;
    static FakeUpstream upstream;
    static ClusterDns dns;

    @BeforeAll
    static void start() throws Exception {
        api = new ApiServerFixture(dir);
        client = api.newClient();
        client.resources(Service.class).create(service("web", "10.43.0.20", "ClusterIP", null));
        client.resources(Service.class).create(service("db", "None", "ClusterIP", null));
        client.resources(Service.class).create(service("ext", null, "ExternalName", "example.com"));
        client.resources(EndpointSlice.class).create(slice("db", "db-abc", List.of(
                endpoint("10.42.0.5", "db-0", true), endpoint("10.42.0.6", "db-1", true),
                endpoint("10.42.0.7", "db-2", false))));
        client.resources(Service.class).create(service("big", "None", "ClusterIP", null));
        List<Endpoint> many = new ArrayList<>();
        for (int i = 1; i <= 60; i++) {
            many.add(endpoint("10.42.1." + i, null, true));
        }
        client.resources(EndpointSlice.class).create(slice("big", "big-abc", many));
        upstream = new FakeUpstream();
        dns = ClusterDns.start(client, ClusterDns.Config.defaults("node-1",
                        ClusterDns.Listen.fixed(new InetSocketAddress("127.0.0.1", 0)))
                .withUpstreams(List.of(upstream.address())));
    }

    @AfterAll
    static void stop() throws Exception {
        if (dns != null) {
            dns.close();
        }
        if (upstream != null) {
            upstream.close();
        }
        api.close();
    }

    @Test
    void clusterIpServiceOverUdpAndTcp() throws Exception {
        for (boolean tcp : new boolean[] {false, true}) {
            Message r = query("web.default.svc.cluster.local.", Type.A, tcp);
            assertThat(r.getRcode()).isEqualTo(Rcode.NOERROR);
            assertThat(r.getHeader().getFlag(Flags.AA)).isTrue();
            assertThat(rdata(r, Section.ANSWER)).containsExactly("A 10.43.0.20");
            assertThat(r.getSection(Section.ANSWER).get(0).getTTL()).isEqualTo(5);
        }
        Message aaaa = query("web.default.svc.cluster.local.", Type.AAAA, false);
        assertThat(aaaa.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(aaaa.getSection(Section.ANSWER)).isEmpty();
        assertThat(rdataTypes(aaaa, Section.AUTHORITY)).containsExactly("SOA");
    }

    @Test
    void headlessServiceListsReadyEndpointsAndTheirHostnames() throws Exception {
        assertThat(rdata(query("db.default.svc.cluster.local.", Type.A, false), Section.ANSWER))
                .containsExactlyInAnyOrder("A 10.42.0.5", "A 10.42.0.6");
        assertThat(rdata(query("db-1.db.default.svc.cluster.local.", Type.A, false), Section.ANSWER))
                .containsExactly("A 10.42.0.6");
        Message srv = query("_pg._tcp.db.default.svc.cluster.local.", Type.SRV, true);
        assertThat(rdata(srv, Section.ANSWER)).containsExactlyInAnyOrder(
                "SRV 0 50 5432 db-0.db.default.svc.cluster.local.", "SRV 0 50 5432 db-1.db.default.svc.cluster.local.");
        assertThat(rdata(srv, Section.ADDITIONAL)).contains("A 10.42.0.5", "A 10.42.0.6");
        assertThat(rdata(query("_http._tcp.web.default.svc.cluster.local.", Type.SRV, false), Section.ANSWER))
                .containsExactly("SRV 0 100 80 web.default.svc.cluster.local.");
    }

    @Test
    void externalNameIsACname() throws Exception {
        assertThat(rdata(query("ext.default.svc.cluster.local.", Type.A, false), Section.ANSWER))
                .containsExactly("CNAME example.com.");
    }

    @Test
    void unknownNamesInTheZoneAreNxdomainWithSoa() throws Exception {
        Message r = query("nope.default.svc.cluster.local.", Type.A, false);
        assertThat(r.getRcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(rdataTypes(r, Section.AUTHORITY)).containsExactly("SOA");
    }

    @Test
    void reverseLookupOfAServiceIp() throws Exception {
        assertThat(rdata(query("20.0.43.10.in-addr.arpa.", Type.PTR, false), Section.ANSWER))
                .containsExactly("PTR web.default.svc.cluster.local.");
    }

    @Test
    void otherNamesAreForwardedUpstream() throws Exception {
        int before = upstream.queries.get();
        Message r = query("www.example.org.", Type.A, false);
        assertThat(r.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(rdata(r, Section.ANSWER)).containsExactly("A " + FakeUpstream.ANSWER);
        assertThat(r.getHeader().getFlag(Flags.AA)).isFalse();
        assertThat(upstream.queries.get()).isGreaterThan(before);
        assertThat(query("www.example.org.", Type.MX, true).getRcode()).isEqualTo(Rcode.NXDOMAIN);
    }

    @Test
    void bigAnswersAreTruncatedOverUdpAndWholeOverTcp() throws Exception {
        SimpleResolver udp = resolver(false);
        udp.setIgnoreTruncation(true);
        udp.setEDNS(-1); // no EDNS: 512-byte UDP answers (RFC 1035 4.2.1)
        Message truncated = udp.send(Message.newQuery(Record.newRecord(
                Name.fromString("big.default.svc.cluster.local."), Type.A, 1)));
        assertThat(truncated.getHeader().getFlag(Flags.TC)).isTrue();
        assertThat(truncated.getSection(Section.ANSWER).size()).isLessThan(60);
        assertThat(query("big.default.svc.cluster.local.", Type.A, true).getSection(Section.ANSWER)).hasSize(60);
        // Without ignoring truncation dnsjava retries over TCP by itself, as stub resolvers do.
        assertThat(query("big.default.svc.cluster.local.", Type.A, false).getSection(Section.ANSWER)).hasSize(60);
    }

    @Test
    void aServiceCreatedAfterStartAnswersWithinASecond() throws Exception {
        // The question path is warm (classes loaded) before the clock starts: the second is the informer's.
        assertThat(query("late.default.svc.cluster.local.", Type.A, false).getRcode()).isEqualTo(Rcode.NXDOMAIN);
        client.resources(Service.class).create(service("late", "10.43.0.99", "ClusterIP", null));
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20)).untilAsserted(() ->
                assertThat(rdata(query("late.default.svc.cluster.local.", Type.A, false), Section.ANSWER))
                        .containsExactly("A 10.43.0.99"));
    }

    @Test
    void kubeDnsServicePointsAtTheServer() {
        int port = dns.address().getPort();
        await().atMost(Duration.ofSeconds(10)).until(() -> dns.registeredAddress() != null);
        Service svc = client.resources(Service.class).get("kube-system", "kube-dns");
        assertThat(svc.getSpec().getClusterIP()).isEqualTo("10.43.0.10");
        assertThat(svc.getSpec().getSelector()).isNullOrEmpty();
        assertThat(svc.getMetadata().getLabels()).containsEntry("k8s-app", "kube-dns");
        assertThat(svc.getSpec().getPorts()).extracting(p -> p.getName() + " " + p.getPort() + "/" + p.getProtocol())
                .containsExactly("dns 53/UDP", "dns-tcp 53/TCP");
        EndpointSlice slice = client.resources(EndpointSlice.class).get("kube-system", "kube-dns-node-1");
        assertThat(slice.getMetadata().getLabels()).containsEntry(ServiceEndpoints.SERVICE_NAME_LABEL, "kube-dns")
                .containsEntry(KubeDnsRegistration.MANAGED_BY, KubeDnsRegistration.MANAGER);
        assertThat(slice.getEndpoints().get(0).getAddresses()).containsExactly("127.0.0.1");
        assertThat(slice.getPorts()).extracting(p -> p.getName() + " " + p.getPort())
                .containsExactlyInAnyOrder("dns " + port, "dns-tcp " + port);
    }

    static Message query(String name, int type, boolean tcp) throws Exception {
        return resolver(tcp).send(Message.newQuery(Record.newRecord(Name.fromString(name), type, 1)));
    }

    static SimpleResolver resolver(boolean tcp) {
        SimpleResolver r = new SimpleResolver(dns.address());
        r.setTCP(tcp);
        r.setTimeout(Duration.ofSeconds(3));
        return r;
    }

    static List<String> rdata(Message m, int section) {
        return m.getSection(section).stream().map(r -> Type.string(r.getType()) + " " + r.rdataToString()).toList();
    }

    static List<String> rdataTypes(Message m, int section) {
        return m.getSection(section).stream().map(r -> Type.string(r.getType())).toList();
    }

    static Service service(String name, String clusterIp, String type, String externalName) {
        return new ServiceBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata()
                .withNewSpec().withType(type).withClusterIP(clusterIp).withExternalName(externalName)
                .withPorts(type.equals("ExternalName") ? List.of() : List.of(name.equals("db")
                        ? new ServicePortBuilder().withName("pg").withPort(5432).withProtocol("TCP").build()
                        : new ServicePortBuilder().withName("http").withPort(80).withProtocol("TCP").build()))
                .endSpec().build();
    }

    static EndpointSlice slice(String service, String name, List<Endpoint> endpoints) {
        int port = service.equals("db") ? 5432 : 80;
        String portName = service.equals("db") ? "pg" : "http";
        return new EndpointSliceBuilder().withNewMetadata().withName(name).withNamespace("default")
                .withLabels(Map.of(ServiceEndpoints.SERVICE_NAME_LABEL, service)).endMetadata()
                .withAddressType("IPv4").withEndpoints(endpoints)
                .withPorts(new EndpointPortBuilder().withName(portName).withPort(port).withProtocol("TCP").build())
                .build();
    }

    static Endpoint endpoint(String ip, String hostname, boolean ready) {
        return new EndpointBuilder().withAddresses(ip).withHostname(hostname)
                .withNewConditions().withReady(ready).endConditions().build();
    }
}
