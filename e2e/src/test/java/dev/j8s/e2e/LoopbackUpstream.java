package dev.j8s.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/** An HTTP server on a loopback address, standing in for a pod behind a Service: it answers every request with a body. */
final class LoopbackUpstream {

    private LoopbackUpstream() {}

    /** Started on {@code ip} at a free port; {@code body} gives each request's answer (200, UTF-8). */
    static HttpServer start(String ip, Function<HttpExchange, String> body) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(ip, 0), 64);
        server.createContext("/", exchange -> {
            byte[] bytes = body.apply(exchange).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        return server;
    }
}
