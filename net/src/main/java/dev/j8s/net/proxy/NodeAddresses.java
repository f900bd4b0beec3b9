package dev.j8s.net.proxy;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The node's IPv4 addresses that {@code --nodeport-addresses} CIDRs select. */
final class NodeAddresses {

    private NodeAddresses() {}

    /** Local addresses inside any of {@code cidrs}; a /32 is taken as given (it may be an alias not yet up). */
    static List<String> matching(List<String> cidrs) {
        List<String> out = new ArrayList<>();
        List<InetAddress> local = local();
        for (String cidr : cidrs) {
            if (cidr.endsWith("/32")) {
                out.add(cidr.substring(0, cidr.length() - 3));
                continue;
            }
            for (InetAddress address : local) {
                if (contains(cidr, address.getHostAddress()) && !out.contains(address.getHostAddress())) {
                    out.add(address.getHostAddress());
                }
            }
        }
        return out;
    }

    static boolean contains(String cidr, String address) {
        String[] parts = cidr.split("/");
        int bits = parts.length > 1 ? Integer.parseInt(parts[1]) : 32;
        long mask = bits == 0 ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
        Long net = toLong(parts[0]);
        Long ip = toLong(address);
        return net != null && ip != null && (net & mask) == (ip & mask);
    }

    private static Long toLong(String address) {
        if (!NftRuleset.isIpv4(address)) {
            return null;
        }
        try {
            byte[] b = InetAddress.getByName(address).getAddress();
            return ((b[0] & 0xFFL) << 24) | ((b[1] & 0xFFL) << 16) | ((b[2] & 0xFFL) << 8) | (b[3] & 0xFFL);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static List<InetAddress> local() {
        List<InetAddress> out = new ArrayList<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address) {
                        out.add(address);
                    }
                }
            }
        } catch (SocketException e) {
            // no interfaces readable: only /32 entries apply
        }
        return out;
    }
}
