package dev.j8s.apiserver.pki;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The DNS names and IP addresses a serving certificate is valid for. Go's crypto/tls (kubectl) checks only these,
 * never the subject CN, so every name a client may dial must be listed.
 */
public record SubjectAltNames(Set<String> dnsNames, Set<InetAddress> ipAddresses) {

    /** Names every API server certificate carries: loopback, and the in-cluster names of the kubernetes Service. */
    static final List<String> ALWAYS = List.of(
            "localhost", "127.0.0.1", "::1",
            "kubernetes", "kubernetes.default", "kubernetes.default.svc", "kubernetes.default.svc.cluster.local");

    private static final int SAN_DNS = 2;
    private static final int SAN_IP = 7;
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    public SubjectAltNames {
        dnsNames = Set.copyOf(dnsNames);
        ipAddresses = Set.copyOf(ipAddresses);
    }

    /**
     * Sorts names into IP literals and DNS names. IPv6 may be bracketed ("[::1]"); DNS names compare case-insensitively.
     * Blank entries and the wildcard listen addresses 0.0.0.0 and :: are dropped: no client dials them.
     */
    public static SubjectAltNames parse(Collection<String> names) {
        Set<String> dns = new LinkedHashSet<>();
        Set<InetAddress> ips = new LinkedHashSet<>();
        for (String raw : names) {
            String name = raw.strip();
            if (name.startsWith("[") && name.endsWith("]")) {
                name = name.substring(1, name.length() - 1);
            }
            if (name.isEmpty()) {
                continue;
            }
            if (isIpLiteral(name)) {
                InetAddress ip = ipLiteral(name);
                if (!ip.isAnyLocalAddress()) {
                    ips.add(ip);
                }
            } else {
                dns.add(name.toLowerCase(Locale.ROOT));
            }
        }
        return new SubjectAltNames(dns, ips);
    }

    /** The names a serving certificate needs: {@link #ALWAYS} plus the requested extras. */
    public static SubjectAltNames withDefaults(Collection<String> extra) {
        List<String> all = new ArrayList<>(ALWAYS);
        all.addAll(extra);
        return parse(all);
    }

    public static SubjectAltNames of(X509Certificate certificate) {
        Set<String> dns = new LinkedHashSet<>();
        Set<InetAddress> ips = new LinkedHashSet<>();
        try {
            Collection<List<?>> entries = certificate.getSubjectAlternativeNames();
            if (entries != null) {
                for (List<?> entry : entries) {
                    int type = (Integer) entry.get(0);
                    String value = (String) entry.get(1);
                    if (type == SAN_DNS) {
                        dns.add(value.toLowerCase(Locale.ROOT));
                    } else if (type == SAN_IP) {
                        ips.add(ipLiteral(value));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            throw new PkiException("unreadable subjectAltName in " + certificate.getSubjectX500Principal(), e);
        }
        return new SubjectAltNames(dns, ips);
    }

    public boolean covers(SubjectAltNames wanted) {
        return dnsNames.containsAll(wanted.dnsNames) && ipAddresses.containsAll(wanted.ipAddresses);
    }

    private static boolean isIpLiteral(String name) {
        return name.contains(":") || IPV4.matcher(name).matches();
    }

    /**
     * Parses without ever resolving: IPv4 by hand, IPv6 in brackets (which makes InetAddress reject a malformed literal
     * instead of looking it up as a host name).
     */
    private static InetAddress ipLiteral(String literal) {
        try {
            if (literal.contains(":")) {
                return InetAddress.getByName("[" + literal + "]");
            }
            String[] parts = literal.split("\\.");
            byte[] octets = new byte[4];
            for (int i = 0; i < 4; i++) {
                int octet = Integer.parseInt(parts[i]);
                if (octet > 255) {
                    throw new IllegalArgumentException("not an IPv4 address: " + literal);
                }
                octets[i] = (byte) octet;
            }
            return InetAddress.getByAddress(octets);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + literal, e);
        }
    }
}
