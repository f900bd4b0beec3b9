package dev.j8s.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import dev.j8s.api.Json;
import dev.j8s.apiserver.pki.ClusterPki;
import dev.j8s.store.Store;
import dev.j8s.store.memory.MemoryStore;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** An in-process API server over HTTPS on an ephemeral port, with an admin and an anonymous client. */
final class ApiServerFixture implements AutoCloseable {

    final Store store = new MemoryStore();
    final ApiServer server;
    final HttpClient admin;
    final HttpClient anonymous;
    final String base;

    ApiServerFixture(Path dir) throws Exception {
        ClusterPki pki = ClusterPki.loadOrCreate(dir.resolve("pki"), List.of());
        server = new ApiServer(new ApiServer.Config("127.0.0.1", 0, pki.serverSslContext(), null, 1), store).start();
        base = "https://127.0.0.1:" + server.port();
        admin = client(pki, true);
        anonymous = client(pki, false);
    }

    private static HttpClient client(ClusterPki pki, boolean withCert) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", pki.caCertificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        if (withCert) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("admin", pki.adminCert().key(), new char[0],
                    new Certificate[] {pki.adminCert().certificate()});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, new char[0]);
            ssl.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        } else {
            ssl.init(null, tmf.getTrustManagers(), null);
        }
        return HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(5)).build();
    }

    HttpResponse<String> call(String method, String path, String contentType, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return admin.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A request without a client certificate, with {@code Authorization: Bearer token} (none when null). */
    HttpResponse<String> callWithToken(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return anonymous.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode json(String method, String path, String contentType, String body, int expectedStatus) throws Exception {
        HttpResponse<String> r = call(method, path, contentType, body);
        if (r.statusCode() != expectedStatus) {
            throw new AssertionError(method + " " + path + " → " + r.statusCode() + ", expected " + expectedStatus
                    + ": " + r.body());
        }
        return Json.parse(r.body().getBytes(StandardCharsets.UTF_8));
    }

    JsonNode create(String path, String body) throws Exception {
        return json("POST", path, "application/json", body, 201);
    }

    static JsonNode parse(String s) throws Exception {
        return Json.parse(new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8)).readAllBytes());
    }

    @Override
    public void close() {
        server.close();
        store.close();
    }
}
