package dev.j8s.net.dns;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The default upstreams: the {@code nameserver} lines of the host's resolv.conf. */
final class ResolvConfServers {

    private ResolvConfServers() {}

    /**
     * The nameservers of {@code resolvConf} on port 53, leaving out any that is this DNS server itself
     * (listening on port 53 at that address or on all addresses): forwarding there would loop.
     */
    static List<InetSocketAddress> upstreams(Path resolvConf, InetSocketAddress listen) {
        List<InetSocketAddress> out = new ArrayList<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(resolvConf);
        } catch (IOException e) {
            return out;
        }
        for (String line : lines) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 2 || !f[0].equals("nameserver")) {
                continue;
            }
            try {
                InetAddress ip = InetAddress.getByName(f[1].replaceFirst("%.*$", ""));
                if (!isSelf(ip, listen)) {
                    out.add(new InetSocketAddress(ip, 53));
                }
            } catch (UnknownHostException e) {
                // not an address: resolv.conf(5) allows only addresses here
            }
        }
        return out;
    }

    static boolean isSelf(InetAddress nameserver, InetSocketAddress listen) {
        if (listen == null || listen.getPort() != 53) {
            return false;
        }
        if (listen.getAddress().isAnyLocalAddress()) {
            try {
                return nameserver.isLoopbackAddress() || NetworkInterface.getByInetAddress(nameserver) != null;
            } catch (SocketException e) {
                return false;
            }
        }
        return listen.getAddress().equals(nameserver);
    }
}
