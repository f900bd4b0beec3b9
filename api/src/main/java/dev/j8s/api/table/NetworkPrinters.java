package dev.j8s.api.table;

import static dev.j8s.api.table.ColumnListPrinter.cell;
import static dev.j8s.api.table.CommonCells.AGE;
import static dev.j8s.api.table.CommonCells.NAME;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** Printers of Services, Endpoints, EndpointSlices, Ingresses, IngressClasses and NetworkPolicies. */
final class NetworkPrinters {

    /** Endpoint-like lists show at most this many entries, then "+ N more...". */
    private static final int MAX_LISTED = 3;

    private NetworkPrinters() {}

    static Printer services() {
        return ColumnListPrinter.of(
                NAME,
                cell(Column.string("Type", core("ServiceSpec.type")), NetworkPrinters::serviceType),
                cell(Column.string("Cluster-IP", core("ServiceSpec.clusterIP")), NetworkPrinters::clusterIP),
                cell(Column.string("External-IP", core("ServiceSpec.externalIPs")), NetworkPrinters::externalIP),
                cell(Column.string("Port(s)", core("ServiceSpec.ports")), NetworkPrinters::servicePorts),
                AGE,
                cell(Column.string("Selector", core("ServiceSpec.selector")).wide(),
                        o -> LabelText.formatLabels(Tree.stringMap(o, "spec", "selector"))));
    }

    static Printer endpoints() {
        return ColumnListPrinter.of(
                NAME,
                cell(Column.string("Endpoints", core("Endpoints.subsets")), NetworkPrinters::endpointAddresses),
                AGE);
    }

    static Printer endpointSlices() {
        return ColumnListPrinter.of(
                NAME,
                cell(Column.string("AddressType", slice("addressType")), o -> Tree.text(o, "addressType")),
                cell(Column.string("Ports", slice("ports")), NetworkPrinters::slicePorts),
                cell(Column.string("Endpoints", slice("endpoints")), NetworkPrinters::sliceAddresses),
                AGE);
    }

    static Printer ingresses() {
        return ColumnListPrinter.of(
                NAME,
                cell(Column.string("Class",
                                "The name of the IngressClass resource that should be used for additional configuration"),
                        o -> CommonCells.orNone(Tree.text(o, "spec", "ingressClassName"))),
                cell(Column.string("Hosts", "Hosts that incoming requests are matched against before the ingress rule"),
                        NetworkPrinters::ingressHosts),
                cell(Column.string("Address", "Address is a list containing ingress points for the load-balancer"),
                        o -> loadBalancerAddresses(Tree.at(o, "status", "loadBalancer"))),
                cell(Column.string("Ports", "Ports of TLS configurations that open"),
                        o -> Tree.size(o, "spec", "tls") > 0 ? "80, 443" : "80"),
                AGE);
    }

    static Printer ingressClasses() {
        return ColumnListPrinter.of(
                NAME,
                cell(Column.string("Controller", "Controller that is responsible for handling this class"),
                        o -> Tree.text(o, "spec", "controller")),
                cell(Column.string("Parameters", "A reference to a resource with additional parameters"),
                        NetworkPrinters::ingressClassParameters),
                AGE);
    }

    static Printer networkPolicies() {
        return ColumnListPrinter.of(
                NAME,
                cell(Column.string("Pod-Selector", ColumnDocs.of("extensions/v1beta1.NetworkPolicySpec.podSelector")),
                        o -> LabelText.formatSelector(Tree.at(o, "spec", "podSelector"))),
                AGE);
    }

    /** spec.type, which the API defaults to ClusterIP. */
    private static String serviceType(JsonNode svc) {
        String type = Tree.text(svc, "spec", "type");
        return type.isEmpty() ? "ClusterIP" : type;
    }

    /** spec.clusterIPs[0]; falls back to spec.clusterIP for objects stored before clusterIPs was defaulted. */
    private static String clusterIP(JsonNode svc) {
        List<JsonNode> ips = Tree.items(svc, "spec", "clusterIPs");
        String ip = ips.isEmpty() ? Tree.text(svc, "spec", "clusterIP") : ips.get(0).asText();
        return CommonCells.orNone(ip);
    }

    /**
     * By type: ClusterIP and NodePort show spec.externalIPs; LoadBalancer shows the ingress points of
     * its status then the external IPs, or "&lt;pending&gt;"; ExternalName shows the external name.
     * The server prints the wide form, so long load-balancer lists are not clipped.
     */
    private static String externalIP(JsonNode svc) {
        List<String> externalIPs = new ArrayList<>();
        Tree.items(svc, "spec", "externalIPs").forEach(ip -> externalIPs.add(ip.asText()));
        switch (serviceType(svc)) {
            case "ClusterIP", "NodePort" -> {
                return externalIPs.isEmpty() ? "<none>" : String.join(",", externalIPs);
            }
            case "LoadBalancer" -> {
                String lb = loadBalancerAddresses(Tree.at(svc, "status", "loadBalancer"));
                if (!externalIPs.isEmpty()) {
                    List<String> all = new ArrayList<>();
                    if (!lb.isEmpty()) {
                        all.addAll(List.of(lb.split(",")));
                    }
                    all.addAll(externalIPs);
                    return String.join(",", all);
                }
                return lb.isEmpty() ? "<pending>" : lb;
            }
            case "ExternalName" -> {
                return Tree.text(svc, "spec", "externalName");
            }
            default -> {
                return "<unknown>";
            }
        }
    }

    /** The distinct IPs (or hostnames when no IP) of status.loadBalancer.ingress, sorted, joined by ",". */
    private static String loadBalancerAddresses(JsonNode loadBalancer) {
        TreeSet<String> addresses = new TreeSet<>();
        for (JsonNode ingress : Tree.items(loadBalancer, "ingress")) {
            String ip = Tree.text(ingress, "ip");
            String hostname = Tree.text(ingress, "hostname");
            if (!ip.isEmpty()) {
                addresses.add(ip);
            } else if (!hostname.isEmpty()) {
                addresses.add(hostname);
            }
        }
        return String.join(",", addresses);
    }

    /** "port/protocol" or "port:nodePort/protocol", joined by ","; "<none>" without ports. */
    private static String servicePorts(JsonNode svc) {
        List<String> pieces = new ArrayList<>();
        for (JsonNode port : Tree.items(svc, "spec", "ports")) {
            String protocol = Tree.text(port, "protocol");
            protocol = protocol.isEmpty() ? "TCP" : protocol;
            long nodePort = Tree.integer(port, "nodePort");
            long number = Tree.integer(port, "port");
            pieces.add(nodePort > 0 ? number + ":" + nodePort + "/" + protocol : number + "/" + protocol);
        }
        return pieces.isEmpty() ? "<none>" : String.join(",", pieces);
    }

    /** Up to three "ip:port" pairs over all subsets (bare IPs for subsets without ports), then "+ N more...". */
    private static String endpointAddresses(JsonNode endpoints) {
        List<JsonNode> subsets = Tree.items(endpoints, "subsets");
        if (subsets.isEmpty()) {
            return "<none>";
        }
        List<String> listed = new ArrayList<>();
        int count = 0;
        boolean more = false;
        for (JsonNode subset : subsets) {
            List<JsonNode> addresses = Tree.items(subset, "addresses");
            List<JsonNode> ports = Tree.items(subset, "ports");
            if (ports.isEmpty()) {
                // Headless services may have no ports.
                count += addresses.size();
                for (JsonNode address : addresses) {
                    if (listed.size() == MAX_LISTED) {
                        more = true;
                        break;
                    }
                    listed.add(Tree.text(address, "ip"));
                }
                continue;
            }
            for (JsonNode port : ports) {
                count += addresses.size();
                for (JsonNode address : addresses) {
                    if (listed.size() == MAX_LISTED) {
                        more = true;
                        break;
                    }
                    listed.add(hostPort(Tree.text(address, "ip"), Tree.integer(port, "port")));
                }
            }
        }
        String joined = String.join(",", listed);
        return more ? joined + " + " + (count - MAX_LISTED) + " more..." : joined;
    }

    /** Go's net.JoinHostPort: IPv6 addresses are bracketed. */
    private static String hostPort(String host, long port) {
        return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
    }

    private static String slicePorts(JsonNode slice) {
        List<String> values = new ArrayList<>();
        for (JsonNode port : Tree.items(slice, "ports")) {
            if (Tree.has(port, "port")) {
                values.add(Long.toString(Tree.integer(port, "port")));
            } else if (Tree.has(port, "name")) {
                values.add(Tree.text(port, "name"));
            } else {
                values.add("*");
            }
        }
        return listWithMore(values);
    }

    private static String sliceAddresses(JsonNode slice) {
        List<String> values = new ArrayList<>();
        for (JsonNode endpoint : Tree.items(slice, "endpoints")) {
            Tree.items(endpoint, "addresses").forEach(a -> values.add(a.asText()));
        }
        return listWithMore(values);
    }

    /** The first three values, "+ N more..." for the rest, "<unset>" when there are none. */
    private static String listWithMore(List<String> values) {
        String joined = String.join(",", values.subList(0, Math.min(MAX_LISTED, values.size())));
        if (values.size() > MAX_LISTED) {
            return joined + " + " + (values.size() - MAX_LISTED) + " more...";
        }
        return joined.isEmpty() ? "<unset>" : joined;
    }

    /** Up to three rule hosts ("*" when no rule names one), then "+ N more..." counted over all rules. */
    private static String ingressHosts(JsonNode ingress) {
        List<JsonNode> rules = Tree.items(ingress, "spec", "rules");
        List<String> hosts = new ArrayList<>();
        boolean more = false;
        for (JsonNode rule : rules) {
            if (hosts.size() == MAX_LISTED) {
                more = true;
            }
            String host = Tree.text(rule, "host");
            if (!more && !host.isEmpty()) {
                hosts.add(host);
            }
        }
        if (hosts.isEmpty()) {
            return "*";
        }
        String joined = String.join(",", hosts);
        return more ? joined + " + " + (rules.size() - MAX_LISTED) + " more..." : joined;
    }

    private static String ingressClassParameters(JsonNode ingressClass) {
        JsonNode parameters = Tree.at(ingressClass, "spec", "parameters");
        if (parameters.isMissingNode()) {
            return "<none>";
        }
        String text = Tree.text(parameters, "kind");
        if (Tree.has(parameters, "apiGroup")) {
            text += "." + Tree.text(parameters, "apiGroup");
        }
        return text + "/" + Tree.text(parameters, "name");
    }

    private static String core(String typeAndField) {
        return ColumnDocs.of("core/v1." + typeAndField);
    }

    private static String slice(String field) {
        return ColumnDocs.of("discovery/v1beta1.EndpointSlice." + field);
    }
}
