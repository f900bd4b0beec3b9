package dev.j8s.net.ingress.route;

import java.net.InetSocketAddress;

/**
 * One endpoint the proxy sends requests to. The socket address is resolved once, when the route
 * table is built, so requests never resolve names.
 */
public record UpstreamAddress(String ip, int port, InetSocketAddress socketAddress) {

    public static UpstreamAddress of(String ip, int port) {
        return new UpstreamAddress(ip, port, new InetSocketAddress(ip, port));
    }

    @Override
    public String toString() {
        return ip.indexOf(':') >= 0 ? "[" + ip + "]:" + port : ip + ":" + port;
    }
}
