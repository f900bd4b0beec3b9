package dev.j8s.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A watch asked for over a WebSocket (as fabric8 does) gets one text message per event, as kube-apiserver sends. */
class WatchOverWebSocketTest {

    @TempDir
    static Path dir;

    static ApiServerFixture api;

    @BeforeAll
    static void start() throws Exception {
        api = new ApiServerFixture(dir);
        api.create("/api/v1/namespaces", "{\"metadata\":{\"name\":\"ws\"}}");
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void aMalformedUpgradeIsABadRequest() throws Exception {
        URI base = URI.create(api.base);
        try (javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) api.admin.sslContext().getSocketFactory()
                .createSocket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET /api/v1/namespaces/ws/configmaps?watch=true HTTP/1.1\r\n"
                    + "Host: " + base.getAuthority() + "\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n"
                    + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String statusLine = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    java.nio.charset.StandardCharsets.US_ASCII)).readLine();
            assertThat(statusLine).isEqualTo("HTTP/1.1 400 Bad Request");
        }
    }

    @Test
    void eachWatchEventIsOneTextMessage() throws Exception {
        api.create("/api/v1/namespaces/ws/configmaps", "{\"metadata\":{\"name\":\"before\"}}");
        List<JsonNode> messages = new CopyOnWriteArrayList<>();
        WebSocket socket = api.admin.newWebSocketBuilder()
                .buildAsync(URI.create(api.base.replace("https://", "wss://")
                        + "/api/v1/namespaces/ws/configmaps?watch=true"), new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            try {
                                messages.add(ApiServerFixture.parse(text.toString()));
                            } catch (Exception e) {
                                throw new AssertionError("not a JSON watch event: " + text, e);
                            }
                            text.setLength(0);
                        }
                        webSocket.request(1);
                        return null;
                    }
                }).get();
        try {
            api.create("/api/v1/namespaces/ws/configmaps", "{\"metadata\":{\"name\":\"after\"}}");
            api.json("DELETE", "/api/v1/namespaces/ws/configmaps/before", null, null, 200);

            await().atMost(Duration.ofSeconds(10)).until(() -> messages.size() >= 3);
            assertThat(messages).extracting(m -> m.get("type").asText() + " " + m.at("/object/metadata/name").asText())
                    .containsExactly("ADDED before", "ADDED after", "DELETED before");
        } finally {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").join();
        }
    }
}
