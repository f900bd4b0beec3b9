package dev.j8s.net.ingress.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on a loopback address standing in for a pod: it answers with its name and the
 * headers the proxy set, echoes request bodies on {@code /echo}, and holds {@code /slow} until released.
 */
final class Upstream implements AutoCloseable {

    final String name;
    final HttpServer server;
    final AtomicInteger requests = new AtomicInteger();
    final CountDownLatch slowStarted = new CountDownLatch(1);
    final CountDownLatch releaseSlow = new CountDownLatch(1);
    private final ExecutorService executor;

    Upstream(String name, String ip) throws IOException {
        this.name = name;
        this.executor = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "upstream-" + name);
            t.setDaemon(true);
            return t;
        });
        server = HttpServer.create(new InetSocketAddress(ip, 0), 128);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    String ip() {
        return server.getAddress().getAddress().getHostAddress();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        String path = exchange.getRequestURI().getPath();
        try (exchange) {
            if (path.startsWith("/echo")) {
                exchange.sendResponseHeaders(200, 0); // chunked: streamed back as it is read
                try (InputStream in = exchange.getRequestBody(); OutputStream out = exchange.getResponseBody()) {
                    in.transferTo(out);
                }
                return;
            }
            if (path.startsWith("/slow")) {
                slowStarted.countDown();
                try {
                    releaseSlow.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            exchange.getRequestBody().readAllBytes();
            var h = exchange.getRequestHeaders();
            String body = "name=" + name + " path=" + exchange.getRequestURI() + " host=" + h.getFirst("Host")
                    + " xff=" + String.join("|", h.getOrDefault("X-Forwarded-For", java.util.List.of())) + " proto=" + h.getFirst("X-Forwarded-Proto")
                    + " fhost=" + h.getFirst("X-Forwarded-Host") + " connection=" + h.getFirst("Connection") + "\n";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
