package dev.j8s.net.dns;

import dev.j8s.net.endpoints.ServiceEndpoint;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * The records of the cluster zone, as CoreDNS's kubernetes plugin serves them (Kubernetes DNS
 * specification, schema 1.1.0): Service A/AAAA and SRV records, headless Services' endpoint records,
 * ExternalName CNAMEs, pod A records ("pods insecure", CoreDNS's default in kubeadm and k3s), PTR
 * records for Service and endpoint IPs and pod IPs. Unknown names in the zone are NXDOMAIN and names
 * without data of the asked type NODATA, both with the zone's SOA in the authority section (negative
 * caching, RFC 2308). Reverse names nobody in the cluster owns fall through to upstream, like
 * CoreDNS's {@code fallthrough in-addr.arpa ip6.arpa}.
 */
final class ClusterRecords {

    static final String SCHEMA_VERSION = "1.1.0";
    private static final Name IN_ADDR_ARPA = Name.fromConstantString("in-addr.arpa.");
    private static final Name IP6_ARPA = Name.fromConstantString("ip6.arpa.");

    private final Name domain;
    private final ClusterView view;
    private final long ttl;
    private final SOARecord soa;

    /**
     * @param domain the cluster domain, e.g. {@code cluster.local}
     * @param ttl    seconds every record is valid (CoreDNS's default is 5)
     * @param serial the SOA serial (CoreDNS uses the time it last saw a change; any increasing number will do)
     */
    ClusterRecords(String domain, ClusterView view, long ttl, long serial) {
        this.domain = absolute(domain);
        this.view = view;
        this.ttl = ttl;
        this.soa = new SOARecord(this.domain, DClass.IN, ttl, name("ns.dns", this.domain),
                name("hostmaster", this.domain), serial, 7200, 1800, 86400, ttl);
    }

    Name domain() {
        return domain;
    }

    /** The answer to {@code qtype} questions about {@code qname}, or {@link DnsAnswer#FORWARD}. */
    DnsAnswer answer(Name qname, int qtype) {
        if (qname.subdomain(domain)) {
            return zoneAnswer(qname, qtype);
        }
        if (qtype == Type.PTR && (qname.subdomain(IN_ADDR_ARPA) || qname.subdomain(IP6_ARPA))) {
            List<Record> ptrs = reverse(qname);
            return ptrs.isEmpty() ? DnsAnswer.FORWARD : DnsAnswer.of(ptrs, List.of());
        }
        return DnsAnswer.FORWARD;
    }

    private DnsAnswer zoneAnswer(Name qname, int qtype) {
        String[] relative = new String[qname.labels() - domain.labels()];
        for (int i = 0; i < relative.length; i++) {
            relative[i] = qname.getLabelString(i);
        }
        Records all = records(qname, ClusterName.parse(relative));
        if (all == null) {
            return new DnsAnswer(Rcode.NXDOMAIN, List.of(), List.of(soa), List.of());
        }
        List<Record> matching = new ArrayList<>();
        for (Record r : all.answer) {
            // A CNAME stands for every type at its name (RFC 1034 3.6.2).
            if (qtype == Type.ANY || r.getType() == qtype || r.getType() == Type.CNAME) {
                matching.add(r);
            }
        }
        if (matching.isEmpty()) {
            return new DnsAnswer(Rcode.NOERROR, List.of(), List.of(soa), List.of());
        }
        boolean srv = matching.stream().anyMatch(r -> r.getType() == Type.SRV);
        return DnsAnswer.of(matching, srv ? all.additional : List.of());
    }

    /** Every record at the name, or null when the name does not exist. */
    private Records records(Name qname, ClusterName name) {
        return switch (name) {
            case ClusterName.Service s -> serviceRecords(qname, s);
            case ClusterName.Endpoint e -> endpointRecords(qname, e);
            case ClusterName.ServicePort p -> portRecords(qname, p);
            case ClusterName.Pod p -> new Records(List.of(address(qname, p.ip())), List.of());
            case ClusterName.SchemaVersion v ->
                    new Records(List.of(new TXTRecord(qname, DClass.IN, ttl, SCHEMA_VERSION)), List.of());
            case ClusterName.Interior i -> new Records(List.of(), List.of());
            case ClusterName.Unknown u -> null;
        };
    }

    private Records serviceRecords(Name qname, ClusterName.Service s) {
        Service svc = view.service(s.namespace(), s.service());
        if (svc == null) {
            return null;
        }
        if ("ExternalName".equals(svc.getSpec().getType())) {
            String target = svc.getSpec().getExternalName();
            return target == null || target.isEmpty() ? new Records(List.of(), List.of())
                    : new Records(List.of(new CNAMERecord(qname, DClass.IN, ttl, absolute(target))), List.of());
        }
        List<Record> answer = new ArrayList<>();
        List<Record> additional = new ArrayList<>();
        if (headless(svc)) {
            for (ServiceEndpoint e : view.readyAddresses(s.namespace(), s.service())) {
                answer.add(address(qname, e.address()));
            }
            for (ServicePort port : ports(svc)) {
                srvForEndpoints(qname, s.namespace(), s.service(), port, answer, additional);
            }
        } else {
            for (String ip : clusterIps(svc)) {
                answer.add(address(qname, ip));
            }
            for (ServicePort port : ports(svc)) {
                if (port.getName() != null && !port.getName().isEmpty()) {
                    answer.add(new SRVRecord(qname, DClass.IN, ttl, 0, 100, port.getPort(), qname));
                }
            }
            clusterIps(svc).forEach(ip -> additional.add(address(qname, ip)));
        }
        return new Records(answer, additional);
    }

    private Records endpointRecords(Name qname, ClusterName.Endpoint e) {
        Service svc = view.service(e.namespace(), e.service());
        if (svc == null || !headless(svc)) {
            return null;
        }
        List<Record> answer = new ArrayList<>();
        for (ServiceEndpoint ep : view.readyAddresses(e.namespace(), e.service())) {
            if (endpointLabel(ep).equals(e.endpoint())) {
                answer.add(address(qname, ep.address()));
            }
        }
        return answer.isEmpty() ? null : new Records(answer, List.of());
    }

    private Records portRecords(Name qname, ClusterName.ServicePort p) {
        Service svc = view.service(p.namespace(), p.service());
        if (svc == null) {
            return null;
        }
        ServicePort port = ports(svc).stream()
                .filter(sp -> p.port().equals(lower(sp.getName())) && p.protocol().equals(protocol(sp)))
                .findFirst().orElse(null);
        if (port == null) {
            return null;
        }
        List<Record> answer = new ArrayList<>();
        List<Record> additional = new ArrayList<>();
        if (headless(svc)) {
            srvForEndpoints(qname, p.namespace(), p.service(), port, answer, additional);
        } else {
            Name target = serviceName(p.namespace(), p.service());
            answer.add(new SRVRecord(qname, DClass.IN, ttl, 0, 100, port.getPort(), target));
            clusterIps(svc).forEach(ip -> additional.add(address(target, ip)));
        }
        return new Records(answer, additional);
    }

    /** Headless SRV: one record per ready endpoint of the port, its target the endpoint's own name. */
    private void srvForEndpoints(Name qname, String namespace, String service, ServicePort port,
                                 List<Record> answer, List<Record> additional) {
        if (port.getName() == null || port.getName().isEmpty()) {
            return;
        }
        List<ServiceEndpoint> endpoints = view.readyEndpoints(namespace, service, port.getName());
        int weight = endpoints.isEmpty() ? 100 : Math.max(1, 100 / endpoints.size());
        Name svcName = serviceName(namespace, service);
        for (ServiceEndpoint e : endpoints) {
            Name target = name(endpointLabel(e), svcName);
            answer.add(new SRVRecord(qname, DClass.IN, ttl, 0, weight, e.port(), target));
            additional.add(address(target, e.address()));
        }
    }

    private List<Record> reverse(Name qname) {
        InetAddress address;
        try {
            address = ReverseMap.fromName(qname);
        } catch (UnknownHostException | RuntimeException e) {
            return List.of();
        }
        String ip = address.getHostAddress();
        Set<Name> targets = new LinkedHashSet<>();
        for (Service svc : view.servicesByClusterIp(ip)) {
            targets.add(serviceName(svc.getMetadata().getNamespace(), svc.getMetadata().getName()));
        }
        for (ClusterView.OwnedEndpoint e : view.endpointsByAddress(ip)) {
            String label = e.hostname() != null && !e.hostname().isEmpty() ? e.hostname() : ClusterName.ipToDashed(ip);
            targets.add(name(label, serviceName(e.namespace(), e.service())));
        }
        for (String namespace : view.podNamespacesByIp(ip)) {
            targets.add(name(ClusterName.ipToDashed(ip) + "." + namespace + ".pod", domain));
        }
        List<Record> out = new ArrayList<>();
        targets.forEach(t -> out.add(new PTRRecord(qname, DClass.IN, ttl, t)));
        return out;
    }

    private Record address(Name owner, String ip) {
        try {
            InetAddress a = InetAddress.getByName(ip);
            return a.getAddress().length == 4 ? new ARecord(owner, DClass.IN, ttl, a)
                    : new AAAARecord(owner, DClass.IN, ttl, a);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + ip, e);
        }
    }

    private Name serviceName(String namespace, String service) {
        return name(service + "." + namespace + ".svc", domain);
    }

    static String endpointLabel(ServiceEndpoint e) {
        return e.hostname() != null && !e.hostname().isEmpty() ? e.hostname().toLowerCase(Locale.ROOT)
                : ClusterName.ipToDashed(e.address());
    }

    static boolean headless(Service svc) {
        return "None".equals(svc.getSpec().getClusterIP());
    }

    private static List<String> clusterIps(Service svc) {
        List<String> ips = svc.getSpec().getClusterIPs();
        if (ips == null || ips.isEmpty()) {
            String ip = svc.getSpec().getClusterIP();
            return ip == null || ip.isEmpty() || ip.equals("None") ? List.of() : List.of(ip);
        }
        return ips.stream().filter(ip -> ip != null && !ip.isEmpty() && !ip.equals("None")).toList();
    }

    private static List<ServicePort> ports(Service svc) {
        return svc.getSpec().getPorts() == null ? List.of() : svc.getSpec().getPorts();
    }

    private static String protocol(ServicePort port) {
        return port.getProtocol() == null ? "tcp" : port.getProtocol().toLowerCase(Locale.ROOT);
    }

    private static String lower(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }

    static Name absolute(String name) {
        try {
            return Name.fromString(name.endsWith(".") ? name : name + ".");
        } catch (TextParseException e) {
            throw new IllegalArgumentException("not a DNS name: " + name, e);
        }
    }

    private static Name name(String prefix, Name origin) {
        try {
            return Name.fromString(prefix, origin);
        } catch (TextParseException e) {
            throw new IllegalArgumentException("not a DNS name: " + prefix, e);
        }
    }

    /** The records at one name, and the addresses of the SRV targets among them. */
    private record Records(List<Record> answer, List<Record> additional) {}
}
