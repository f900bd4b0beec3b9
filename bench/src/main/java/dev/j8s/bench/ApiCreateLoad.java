package dev.j8s.bench;

import dev.j8s.client.KubeconfigCredentials;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Creates ConfigMaps through the j8s API over HTTPS with N concurrent clients, each a closed loop
 * (send, wait for the answer, send the next), for a bounded count and time.
 */
final class ApiCreateLoad {

    private final KubeconfigCredentials credentials;
    private final String namespace;

    ApiCreateLoad(Path kubeconfig, String namespace) throws java.io.IOException {
        this.credentials = KubeconfigCredentials.load(kubeconfig);
        this.namespace = namespace;
    }

    void createNamespace() throws Exception {
        HttpClient http = client();
        String body = "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + namespace + "\"}}";
        HttpResponse<String> r = http.send(post("/api/v1/namespaces", body), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201 && r.statusCode() != 409) {
            throw new IllegalStateException("cannot create namespace: " + r.statusCode() + " " + r.body());
        }
    }

    Result run(String label, int clients, int maxOperations, Duration maxTime) throws Exception {
        LatencyRecorder latencies = new LatencyRecorder();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        long deadline = System.nanoTime() + maxTime.toNanos();
        String payload = "x".repeat(512);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<HttpClient> http = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            http.add(client());
        }
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            HttpClient client = http.get(c);
            futures.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < maxOperations && System.nanoTime() < deadline;
                     i = next.getAndIncrement()) {
                    String body = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + label
                            + "-" + i + "\",\"labels\":{\"bench\":\"create\"}},\"data\":{\"payload\":\"" + payload
                            + "\"}}";
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<Void> r = client.send(post("/api/v1/namespaces/" + namespace + "/configmaps", body),
                                HttpResponse.BodyHandlers.discarding());
                        if (r.statusCode() == 201) {
                            latencies.record(System.nanoTime() - t0);
                        } else {
                            errors.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        for (HttpClient c : http) {
            c.close();
        }
        return new Result("j8s API create", clients, latencies.count(), seconds, latencies.percentileMillis(0.50),
                latencies.percentileMillis(0.99), errors.get());
    }

    private HttpClient client() {
        return HttpClient.newBuilder().sslContext(credentials.sslContext()).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    private HttpRequest post(String path, String body) {
        return HttpRequest.newBuilder(URI.create(credentials.server() + path))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
    }
}
