package dev.j8s.net.dns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.j8s.net.endpoints.ServiceEndpoint;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

class ClusterRecordsTest {

    static final ClusterView VIEW = new FakeView();
    static final ClusterRecords RECORDS = new ClusterRecords("cluster.local", VIEW, 5, 1);

    static Stream<Arguments> cases() {
        return Stream.of(
                // name, type, rcode, answer (rdata per record, type-prefixed), authority has SOA
                Arguments.of("web.default.svc.cluster.local.", "A", Rcode.NOERROR, List.of("A 10.43.0.20"), false),
                Arguments.of("WEB.Default.svc.cluster.local.", "A", Rcode.NOERROR, List.of("A 10.43.0.20"), false),
                Arguments.of("web.default.svc.cluster.local.", "AAAA", Rcode.NOERROR, List.of(), true),
                Arguments.of("web.default.svc.cluster.local.", "SRV", Rcode.NOERROR,
                        List.of("SRV 0 100 80 web.default.svc.cluster.local."), false),
                Arguments.of("_http._tcp.web.default.svc.cluster.local.", "SRV", Rcode.NOERROR,
                        List.of("SRV 0 100 80 web.default.svc.cluster.local."), false),
                Arguments.of("_http._udp.web.default.svc.cluster.local.", "SRV", Rcode.NXDOMAIN, List.of(), true),
                Arguments.of("_nope._tcp.web.default.svc.cluster.local.", "SRV", Rcode.NXDOMAIN, List.of(), true),
                Arguments.of("missing.default.svc.cluster.local.", "A", Rcode.NXDOMAIN, List.of(), true),
                Arguments.of("web.other.svc.cluster.local.", "A", Rcode.NXDOMAIN, List.of(), true),
                Arguments.of("db.default.svc.cluster.local.", "A", Rcode.NOERROR,
                        List.of("A 10.42.0.5", "A 10.42.0.6"), false),
                Arguments.of("db-0.db.default.svc.cluster.local.", "A", Rcode.NOERROR, List.of("A 10.42.0.5"), false),
                Arguments.of("10-42-0-6.db.default.svc.cluster.local.", "A", Rcode.NOERROR, List.of("A 10.42.0.6"), false),
                Arguments.of("db-9.db.default.svc.cluster.local.", "A", Rcode.NXDOMAIN, List.of(), true),
                Arguments.of("_pg._tcp.db.default.svc.cluster.local.", "SRV", Rcode.NOERROR,
                        List.of("SRV 0 50 5432 db-0.db.default.svc.cluster.local.",
                                "SRV 0 50 5432 10-42-0-6.db.default.svc.cluster.local."), false),
                Arguments.of("ext.default.svc.cluster.local.", "A", Rcode.NOERROR, List.of("CNAME example.com."), false),
                Arguments.of("10-42-0-9.default.pod.cluster.local.", "A", Rcode.NOERROR, List.of("A 10.42.0.9"), false),
                Arguments.of("10-42-0-999.default.pod.cluster.local.", "A", Rcode.NXDOMAIN, List.of(), true),
                Arguments.of("dns-version.cluster.local.", "TXT", Rcode.NOERROR, List.of("TXT \"1.1.0\""), false),
                Arguments.of("svc.cluster.local.", "A", Rcode.NOERROR, List.of(), true),
                Arguments.of("cluster.local.", "A", Rcode.NOERROR, List.of(), true),
                Arguments.of("foo.cluster.local.", "A", Rcode.NXDOMAIN, List.of(), true),
                Arguments.of("20.0.43.10.in-addr.arpa.", "PTR", Rcode.NOERROR,
                        List.of("PTR web.default.svc.cluster.local."), false),
                Arguments.of("5.0.42.10.in-addr.arpa.", "PTR", Rcode.NOERROR,
                        List.of("PTR db-0.db.default.svc.cluster.local."), false),
                Arguments.of("9.0.42.10.in-addr.arpa.", "PTR", Rcode.NOERROR,
                        List.of("PTR 10-42-0-9.default.pod.cluster.local."), false),
                Arguments.of("1.1.168.192.in-addr.arpa.", "PTR", -1, List.of(), false),
                Arguments.of("example.com.", "A", -1, List.of(), false));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void answers(String name, String type, int rcode, List<String> answer, boolean soa) throws Exception {
        DnsAnswer a = RECORDS.answer(Name.fromString(name), Type.value(type));
        assertThat(a.rcode()).isEqualTo(rcode);
        assertThat(a.answer()).map(r -> Type.string(r.getType()) + " " + r.rdataToString())
                .containsExactlyInAnyOrderElementsOf(answer);
        assertThat(a.answer()).allMatch(r -> r.getTTL() == 5);
        assertThat(a.authority().stream().anyMatch(r -> r.getType() == Type.SOA)).isEqualTo(soa);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("srvAdditional")
    void srvCarriesTargetAddresses(String name, List<String> additional) throws Exception {
        DnsAnswer a = RECORDS.answer(Name.fromString(name), Type.SRV);
        assertThat(a.additional()).map(r -> r.getName() + " " + r.rdataToString())
                .containsExactlyInAnyOrderElementsOf(additional);
    }

    static Stream<Arguments> srvAdditional() {
        return Stream.of(
                Arguments.of("_http._tcp.web.default.svc.cluster.local.",
                        List.of("web.default.svc.cluster.local. 10.43.0.20")),
                Arguments.of("_pg._tcp.db.default.svc.cluster.local.",
                        List.of("db-0.db.default.svc.cluster.local. 10.42.0.5",
                                "10-42-0-6.db.default.svc.cluster.local. 10.42.0.6")));
    }

    static Service svc(String name, String clusterIp, String type, String portName, int port) {
        return new ServiceBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata()
                .withNewSpec().withClusterIP(clusterIp).withType(type)
                .withExternalName(type.equals("ExternalName") ? "example.com" : null)
                .withPorts(new ServicePortBuilder().withName(portName).withPort(port).withProtocol("TCP").build())
                .endSpec().build();
    }

    /** web: ClusterIP 10.43.0.20 port http 80; db: headless, two ready endpoints and a not-ready one; ext: ExternalName. */
    static final class FakeView implements ClusterView {
        final Service web = svc("web", "10.43.0.20", "ClusterIP", "http", 80);
        final Service db = svc("db", "None", "ClusterIP", "pg", 5432);
        final Service ext = svc("ext", null, "ExternalName", "x", 1);
        final List<ServiceEndpoint> dbEndpoints = List.of(
                new ServiceEndpoint("10.42.0.5", 5432, true, true, false, "db-0", "n1", "db-0"),
                new ServiceEndpoint("10.42.0.6", 5432, true, true, false, "db-1", "n1", null));

        @Override
        public Service service(String namespace, String name) {
            if (!namespace.equals("default")) {
                return null;
            }
            return switch (name) {
                case "web" -> web;
                case "db" -> db;
                case "ext" -> ext;
                default -> null;
            };
        }

        @Override
        public List<ServiceEndpoint> readyEndpoints(String namespace, String service, String portName) {
            return service.equals("db") && portName.equals("pg") ? dbEndpoints : List.of();
        }

        @Override
        public List<ServiceEndpoint> readyAddresses(String namespace, String service) {
            return service.equals("db") ? dbEndpoints : List.of();
        }

        @Override
        public List<Service> servicesByClusterIp(String ip) {
            return ip.equals("10.43.0.20") ? List.of(web) : List.of();
        }

        @Override
        public List<OwnedEndpoint> endpointsByAddress(String ip) {
            return ip.equals("10.42.0.5") ? List.of(new OwnedEndpoint("default", "db", "db-0")) : List.of();
        }

        @Override
        public List<String> podNamespacesByIp(String ip) {
            return ip.equals("10.42.0.9") ? List.of("default") : List.of();
        }
    }
}
