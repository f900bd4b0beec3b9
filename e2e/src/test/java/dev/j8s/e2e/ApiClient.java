package dev.j8s.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.j8s.client.KubeconfigCredentials;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;


/** A raw HTTPS client authenticated with the admin certificate of a j8s kubeconfig. */
final class ApiClient {

    private final HttpClient http;
    private final String server;

    private ApiClient(HttpClient http, String server) {
        this.http = http;
        this.server = server;
    }

    static ApiClient fromKubeconfig(Path kubeconfig) throws Exception {
        KubeconfigCredentials credentials = KubeconfigCredentials.load(kubeconfig);
        HttpClient http = HttpClient.newBuilder().sslContext(credentials.sslContext())
                .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        return new ApiClient(http, credentials.server());
    }

    String server() {
        return server;
    }

    HttpResponse<String> send(String method, String pathAndQuery, String contentType, byte[] body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server + pathAndQuery))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode getJson(String path) throws Exception {
        HttpResponse<String> r = send("GET", path, null, null);
        if (r.statusCode() != 200) {
            throw new AssertionError("GET " + path + " → " + r.statusCode() + ": " + r.body());
        }
        return new ObjectMapper().readTree(r.body());
    }
}
