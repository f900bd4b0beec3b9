package dev.j8s.net.dns;

import java.util.Locale;

/**
 * What a query name inside the cluster domain asks for, per the Kubernetes DNS specification
 * (kubernetes/dns docs/specification.md). Names are compared in lower case: DNS is case-insensitive and
 * Kubernetes object names are lower case.
 */
sealed interface ClusterName {

    /** {@code <svc>.<ns>.svc.<domain>}. */
    record Service(String namespace, String service) implements ClusterName {}

    /** {@code <endpoint>.<svc>.<ns>.svc.<domain>}: an endpoint's hostname, or its dashed IP. */
    record Endpoint(String namespace, String service, String endpoint) implements ClusterName {}

    /** {@code _<port>._<proto>.<svc>.<ns>.svc.<domain>}. */
    record ServicePort(String namespace, String service, String port, String protocol) implements ClusterName {}

    /** {@code a-b-c-d.<ns>.pod.<domain>}. */
    record Pod(String namespace, String ip) implements ClusterName {}

    /** {@code dns-version.<domain>}: the schema version the spec asks servers to publish. */
    record SchemaVersion() implements ClusterName {}

    /** The domain itself, {@code svc.<domain>}, {@code <ns>.svc.<domain>}, {@code pod.<domain>}: names that exist with no data. */
    record Interior() implements ClusterName {}

    /** Anything else under the domain: NXDOMAIN. */
    record Unknown() implements ClusterName {}

    /**
     * Classifies {@code relative}, the labels of the query name in front of the cluster domain
     * (empty for the domain itself), most specific label first.
     */
    static ClusterName parse(String[] relative) {
        String[] l = new String[relative.length];
        for (int i = 0; i < l.length; i++) {
            l[i] = relative[i].toLowerCase(Locale.ROOT);
        }
        int n = l.length;
        if (n == 0) {
            return new Interior();
        }
        if (n == 1) {
            return switch (l[0]) {
                case "svc", "pod" -> new Interior();
                case "dns-version" -> new SchemaVersion();
                default -> new Unknown();
            };
        }
        if (l[n - 1].equals("pod")) {
            if (n == 2) {
                return new Interior();
            }
            String ip = n == 3 ? dashedToIpv4(l[0]) : null;
            return ip == null ? new Unknown() : new Pod(l[1], ip);
        }
        if (!l[n - 1].equals("svc")) {
            return new Unknown();
        }
        return switch (n) {
            case 2 -> new Interior();
            case 3 -> new Service(l[1], l[0]);
            case 4 -> l[0].startsWith("_") ? new Unknown() : new Endpoint(l[2], l[1], l[0]);
            case 5 -> l[0].startsWith("_") && l[1].startsWith("_") && l[0].length() > 1 && l[1].length() > 1
                    ? new ServicePort(l[3], l[2], l[0].substring(1), l[1].substring(1)) : new Unknown();
            default -> new Unknown();
        };
    }

    /** {@code 10-42-0-7} → {@code 10.42.0.7}; null when it is not a dashed IPv4 address. */
    static String dashedToIpv4(String label) {
        String[] parts = label.split("-", -1);
        if (parts.length != 4) {
            return null;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit) || Integer.parseInt(p) > 255) {
                return null;
            }
        }
        return String.join(".", parts);
    }

    /** {@code 10.42.0.7} → {@code 10-42-0-7}, the label CoreDNS gives endpoints without a hostname. */
    static String ipToDashed(String ip) {
        return ip.replace('.', '-').replace(':', '-');
    }
}
