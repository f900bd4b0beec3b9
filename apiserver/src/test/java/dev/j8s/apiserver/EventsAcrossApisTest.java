package dev.j8s.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** core/v1 and events.k8s.io/v1 Events are one set of stored objects, each API seeing them in its own form. */
class EventsAcrossApisTest {

    private static final String CORE = "/api/v1/namespaces/ev/events";
    private static final String EVENTS_V1 = "/apis/events.k8s.io/v1/namespaces/ev/events";

    @TempDir
    static Path dir;

    static ApiServerFixture api;

    @BeforeAll
    static void start() throws Exception {
        api = new ApiServerFixture(dir);
        api.create("/api/v1/namespaces", "{\"metadata\":{\"name\":\"ev\"}}");
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void aCoreEventReadsAsAnEventsV1Event() throws Exception {
        api.create(CORE, """
                {"apiVersion":"v1","kind":"Event","metadata":{"name":"core-made"},
                 "involvedObject":{"kind":"Pod","namespace":"ev","name":"web","uid":"u-1"},
                 "reason":"BackOff","message":"restarting","type":"Warning","count":5,
                 "firstTimestamp":"2025-01-01T10:00:00Z","lastTimestamp":"2025-01-01T10:05:00Z",
                 "source":{"component":"kubelet","host":"node-1"},"reportingComponent":"kubelet",
                 "reportingInstance":"node-1"}""");

        JsonNode e = api.json("GET", EVENTS_V1 + "/core-made", null, null, 200);

        assertThat(e.get("apiVersion").asText()).isEqualTo("events.k8s.io/v1");
        assertThat(e.at("/regarding/name").asText()).isEqualTo("web");
        assertThat(e.get("note").asText()).isEqualTo("restarting");
        assertThat(e.get("deprecatedCount").asInt()).isEqualTo(5);
        assertThat(e.get("deprecatedFirstTimestamp").asText()).isEqualTo("2025-01-01T10:00:00Z");
        assertThat(e.get("deprecatedLastTimestamp").asText()).isEqualTo("2025-01-01T10:05:00Z");
        assertThat(e.at("/deprecatedSource/host").asText()).isEqualTo("node-1");
        assertThat(e.get("reportingController").asText()).isEqualTo("kubelet");
        assertThat(e.get("reportingInstance").asText()).isEqualTo("node-1");
        assertThat(e.has("involvedObject") || e.has("message") || e.has("count")).isFalse();
    }

    @Test
    void anEventsV1EventReadsListsAndDeletesThroughCore() throws Exception {
        JsonNode created = api.create(EVENTS_V1, """
                {"apiVersion":"events.k8s.io/v1","kind":"Event","metadata":{"name":"v1-made"},
                 "regarding":{"kind":"Deployment","namespace":"ev","name":"api","uid":"u-2"},
                 "eventTime":"2025-01-01T10:00:00.000000Z","reportingController":"example.com/ctl",
                 "reportingInstance":"ctl-0","action":"Scale","reason":"Scaled","type":"Normal",
                 "note":"scaled up","series":{"count":3,"lastObservedTime":"2025-01-01T10:02:00.000000Z"}}""");
        assertThat(created.get("apiVersion").asText()).isEqualTo("events.k8s.io/v1");
        assertThat(created.get("note").asText()).isEqualTo("scaled up");

        JsonNode core = api.json("GET", CORE + "/v1-made", null, null, 200);
        assertThat(core.get("apiVersion").asText()).isEqualTo("v1");
        assertThat(core.at("/involvedObject/name").asText()).isEqualTo("api");
        assertThat(core.get("message").asText()).isEqualTo("scaled up");
        assertThat(core.get("reportingComponent").asText()).isEqualTo("example.com/ctl");
        assertThat(core.at("/series/count").asInt()).isEqualTo(3);
        assertThat(core.at("/metadata/resourceVersion")).isEqualTo(created.at("/metadata/resourceVersion"));

        JsonNode selected = api.json("GET", CORE + "?fieldSelector=involvedObject.kind%3DDeployment,"
                + "involvedObject.name%3Dapi,source%3Dexample.com%2Fctl", null, null, 200);
        assertThat(selected.get("items")).extracting(i -> i.at("/metadata/name").asText()).containsExactly("v1-made");
        JsonNode byRegarding = api.json("GET", EVENTS_V1 + "?fieldSelector=regarding.name%3Dapi", null, null, 200);
        assertThat(byRegarding.get("items")).extracting(i -> i.get("apiVersion").asText())
                .containsExactly("events.k8s.io/v1");

        api.json("DELETE", CORE + "/v1-made", null, null, 200);
        api.json("GET", EVENTS_V1 + "/v1-made", null, null, 404);
    }

    @Test
    void updatesThroughOneApiShowInTheOther() throws Exception {
        api.create(CORE, """
                {"metadata":{"name":"patched"},"involvedObject":{"kind":"Pod","name":"p"},"reason":"Pulled",
                 "message":"first","count":1}""");
        api.json("PATCH", EVENTS_V1 + "/patched", "application/merge-patch+json",
                "{\"note\":\"second\",\"deprecatedCount\":2}", 200);

        JsonNode core = api.json("GET", CORE + "/patched", null, null, 200);
        assertThat(core.get("message").asText()).isEqualTo("second");
        assertThat(core.get("count").asInt()).isEqualTo(2);
        assertThat(core.has("note")).isFalse();
    }

    @Test
    void eachApiWatchesTheOthersEventsInItsOwnForm() throws Exception {
        List<JsonNode> seen = watch(EVENTS_V1 + "?watch=true&fieldSelector=regarding.name%3Dwatched");
        api.create(CORE, """
                {"metadata":{"name":"w1"},"involvedObject":{"kind":"Pod","name":"watched"},"reason":"Started",
                 "message":"hello"}""");
        api.json("DELETE", CORE + "/w1", null, null, 200);

        await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() >= 2);
        assertThat(seen).extracting(e -> e.get("type").asText()).containsExactly("ADDED", "DELETED");
        assertThat(seen).extracting(e -> e.at("/object/note").asText()).containsOnly("hello");
        assertThat(seen).extracting(e -> e.at("/object/apiVersion").asText()).containsOnly("events.k8s.io/v1");
    }

    private static List<JsonNode> watch(String path) throws Exception {
        HttpResponse<InputStream> stream = api.admin.send(HttpRequest.newBuilder(URI.create(api.base + path)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        List<JsonNode> events = new CopyOnWriteArrayList<>();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    events.add(ApiServerFixture.parse(line));
                }
            } catch (Exception ignored) {
                // The server closes the stream when the test class stops it.
            }
        });
        return events;
    }
}
