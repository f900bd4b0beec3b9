package dev.j8s.net.ingress.proxy;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;

/**
 * Header rewriting between client and upstream: hop-by-hop headers (RFC 9110 §7.6.1: Connection and
 * the headers it names, Keep-Alive, Proxy-Connection, TE, Trailer, Transfer-Encoding, Upgrade) are
 * dropped on both legs, {@code Host} is kept, and the {@code X-Forwarded-*} headers tell the upstream
 * who asked and how. Requests go upstream as HTTP/1.1 so their connections can be kept alive.
 */
final class ProxyHeaders {

    static final AsciiString X_FORWARDED_FOR = AsciiString.cached("x-forwarded-for");
    static final AsciiString X_FORWARDED_PROTO = AsciiString.cached("x-forwarded-proto");
    static final AsciiString X_FORWARDED_HOST = AsciiString.cached("x-forwarded-host");
    static final AsciiString X_FORWARDED_PORT = AsciiString.cached("x-forwarded-port");
    private static final AsciiString HTTPS = AsciiString.cached("https");
    private static final AsciiString HTTP = AsciiString.cached("http");
    /** The extension headers Netty's HTTP/2 → HTTP/1 conversion adds (x-http2-stream-id, -scheme, -path, ...). */
    private static final AsciiString[] HTTP2_EXTENSIONS = {
        AsciiString.cached("x-http2-stream-id"), AsciiString.cached("x-http2-scheme"), AsciiString.cached("x-http2-path"),
        AsciiString.cached("x-http2-stream-promise-id"), AsciiString.cached("x-http2-stream-dependency-id"),
        AsciiString.cached("x-http2-stream-weight")};
    private static final AsciiString PROXY_CONNECTION = AsciiString.cached("proxy-connection");

    private ProxyHeaders() {}

    /**
     * Whether the client sends a body after these headers: a content length above zero, chunked
     * framing, or (HTTP/2) a stream that did not end with its headers and announced no length.
     */
    static boolean hasBody(HttpRequest request, boolean streamEnded, boolean h2) {
        HttpHeaders h = request.headers();
        if (h.contains(HttpHeaderNames.TRANSFER_ENCODING)) {
            return true;
        }
        String length = h.get(HttpHeaderNames.CONTENT_LENGTH);
        if (length != null) {
            return !length.equals("0");
        }
        return h2 && !streamEnded;
    }

    /** GET, HEAD, OPTIONS, PUT and DELETE: safe to send again when the first connection failed. */
    static boolean idempotent(HttpMethod method) {
        return method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS
                || method == HttpMethod.PUT || method == HttpMethod.DELETE;
    }

    /**
     * Rewrites a client request, in place, into the upstream request.
     *
     * @param hasBody whether a body follows (it is then sent chunked unless its length is known)
     * @param clientIp the client's address, appended to X-Forwarded-For
     * @param tls whether the client came over TLS (X-Forwarded-Proto)
     * @param port the ingress port the client connected to (X-Forwarded-Port)
     */
    static void prepareRequest(HttpRequest request, boolean hasBody, boolean h2, String clientIp, boolean tls,
                               String port) {
        HttpHeaders h = request.headers();
        removeHopByHop(h);
        if (h2) {
            for (AsciiString name : HTTP2_EXTENSIONS) {
                h.remove(name);
            }
        }
        if (hasBody && !h.contains(HttpHeaderNames.CONTENT_LENGTH)) {
            h.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        }
        String forwarded = h.get(X_FORWARDED_FOR);
        h.set(X_FORWARDED_FOR, forwarded == null || forwarded.isEmpty() ? clientIp : forwarded + ", " + clientIp);
        h.set(X_FORWARDED_PROTO, tls ? HTTPS : HTTP);
        String host = h.get(HttpHeaderNames.HOST);
        if (host != null) {
            h.set(X_FORWARDED_HOST, host);
        }
        h.set(X_FORWARDED_PORT, port);
        if (request.protocolVersion() != HttpVersion.HTTP_1_1) {
            request.setProtocolVersion(HttpVersion.HTTP_1_1);
        }
    }

    /**
     * Rewrites an upstream response, in place, for the client: hop-by-hop headers go, and the framing
     * and connection headers fit the client's connection.
     *
     * @return whether the client connection must close after this response (an HTTP/1.0 client and
     *     a body of unknown length, which only the close can end)
     */
    static boolean prepareResponse(HttpResponse response, HttpMethod requestMethod, boolean clientKeepAlive,
                                   HttpVersion clientVersion, boolean h2) {
        HttpHeaders h = response.headers();
        removeHopByHop(h);
        if (h2) {
            return false;
        }
        boolean closeAfter = !clientKeepAlive;
        if (!h.contains(HttpHeaderNames.CONTENT_LENGTH) && mayHaveBody(response.status(), requestMethod)) {
            if (clientVersion == HttpVersion.HTTP_1_1) {
                h.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
            } else {
                closeAfter = true;
            }
        }
        if (closeAfter) {
            h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        } else if (clientVersion == HttpVersion.HTTP_1_0) {
            h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
        return closeAfter;
    }

    static boolean mayHaveBody(HttpResponseStatus status, HttpMethod method) {
        int code = status.code();
        return method != HttpMethod.HEAD && code >= 200 && code != 204 && code != 304;
    }

    static void removeHopByHop(HttpHeaders h) {
        if (h.isEmpty()) {
            return;
        }
        String connection = h.get(HttpHeaderNames.CONNECTION);
        if (connection != null) {
            for (String token : connection.split(",")) {
                String name = token.trim();
                if (!name.isEmpty()) {
                    h.remove(name);
                }
            }
            h.remove(HttpHeaderNames.CONNECTION);
        }
        h.remove(HttpHeaderNames.KEEP_ALIVE);
        h.remove(PROXY_CONNECTION);
        h.remove(HttpHeaderNames.TE);
        h.remove(HttpHeaderNames.TRAILER);
        h.remove(HttpHeaderNames.TRANSFER_ENCODING);
        h.remove(HttpHeaderNames.UPGRADE);
    }
}
