package dev.j8s.client.transport;

import dev.j8s.client.KubeconfigCredentials;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * The JDK HttpClient over TLS with the client certificate and CA of a kubeconfig. HTTP/2 is
 * preferred (one connection multiplexes every request and watch, as client-go does), with
 * HTTP/1.1 where the server does not offer h2 in ALPN.
 */
public final class HttpsTransport implements Transport {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final String server;
    private final Duration requestTimeout;
    private final ExecutorService executor;
    private final HttpClient http;

    public HttpsTransport(String server, SSLContext ssl, Duration requestTimeout) {
        this.server = server.endsWith("/") ? server.substring(0, server.length() - 1) : server;
        this.requestTimeout = requestTimeout;
        // Completes responses and feeds bodies; the selector thread does the I/O itself.
        this.executor = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()),
                namedDaemons("j8s-client-http-"));
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_2)
                .sslContext(ssl)
                .connectTimeout(CONNECT_TIMEOUT)
                .executor(executor)
                .build();
    }

    public static HttpsTransport of(KubeconfigCredentials credentials) {
        return new HttpsTransport(credentials.server(), credentials.sslContext(), Duration.ofSeconds(30));
    }

    @Override
    public TransportResponse send(TransportRequest request) throws IOException {
        HttpResponse<byte[]> response = exchange(request, HttpResponse.BodyHandlers.ofByteArray());
        return new TransportResponse(response.statusCode(), headers(response), response.body());
    }

    @Override
    public StreamingResponse stream(TransportRequest request) throws IOException {
        HttpResponse<InputStream> response = exchange(request, HttpResponse.BodyHandlers.ofInputStream());
        return new StreamingResponse(response.statusCode(), headers(response), response.body());
    }

    private <B> HttpResponse<B> exchange(TransportRequest request, HttpResponse.BodyHandler<B> handler)
            throws IOException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(server + request.pathAndQuery()))
                .timeout(requestTimeout)
                .header("Accept", "application/json")
                .method(request.method(), request.body().length == 0
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        if (request.contentType() != null) {
            builder.header("Content-Type", request.contentType());
        }
        try {
            return http.send(builder.build(), handler);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException(request.method() + " " + request.pathAndQuery() + " interrupted");
        }
    }

    private static Map<String, List<String>> headers(HttpResponse<?> response) {
        return response.headers().map();
    }

    @Override
    public void close() {
        http.shutdownNow();
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory namedDaemons(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
