package dev.j8s.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.j8s.api.Json;
import dev.j8s.api.ResourceType;
import dev.j8s.client.transport.StreamingResponse;
import dev.j8s.client.transport.Transport;
import dev.j8s.client.transport.TransportRequest;
import dev.j8s.client.transport.TransportResponse;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the client puts on the wire and how it reads answers, through a scripted transport. */
class KubeClientRequestTest {

    private final List<TransportRequest> sent = new ArrayList<>();
    private byte[] answer = "{}".getBytes(StandardCharsets.UTF_8);
    private int status = 200;

    private final Transport scripted = new Transport() {
        @Override
        public TransportResponse send(TransportRequest request) {
            sent.add(request);
            return new TransportResponse(status, Map.of(), answer);
        }

        @Override
        public StreamingResponse stream(TransportRequest request) {
            sent.add(request);
            return new StreamingResponse(status, Map.of(), oneByteAtATime(answer));
        }
    };
    private final KubeClient client = new KubeClient(scripted);

    @Test
    void bindPostsABindingToThePodsBindingSubresource() throws Exception {
        status = 201;
        answer = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Success\",\"code\":201}".getBytes();
        client.bind("ns", "web-1", "uid-1", "node-7");
        TransportRequest request = sent.getFirst();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.pathAndQuery()).isEqualTo("/api/v1/namespaces/ns/pods/web-1/binding");
        JsonNode body = Json.parse(request.body());
        assertThat(body.path("kind").asText()).isEqualTo("Binding");
        assertThat(body.at("/metadata/uid").asText()).isEqualTo("uid-1");
        assertThat(body.at("/target/kind").asText()).isEqualTo("Node");
        assertThat(body.at("/target/name").asText()).isEqualTo("node-7");
    }

    @Test
    void queriesAreEncodedAndCustomResourcesUseTheirGroupPath() {
        answer = "{\"metadata\":{\"resourceVersion\":\"9\",\"continue\":\"\"},\"items\":[{\"kind\":\"Widget\",\"apiVersion\":\"example.com/v1\",\"metadata\":{\"name\":\"w\"},\"spec\":{\"size\":3}}]}"
                .getBytes();
        ResourceType widgets = new ResourceType("example.com", "v1", "widgets", "widget", "Widget", true, List.of(),
                List.of(), Set.of(), null, ResourceType.ALL_VERBS, null);
        ResourceList<GenericKubernetesResource> list = client.resources(widgets)
                .list("ns", ListOptions.ALL.withLabelSelector("app in (a,b)").withPage(10, null));
        assertThat(sent.getFirst().pathAndQuery())
                .isEqualTo("/apis/example.com/v1/namespaces/ns/widgets?labelSelector=app+in+%28a%2Cb%29&limit=10");
        assertThat(list.resourceVersion()).isEqualTo("9");
        assertThat(list.continueToken()).isNull();
        assertThat(list.items().getFirst().getAdditionalProperties()).containsKey("spec");
    }

    @Test
    void watchEventsAreDecodedAcrossChunksWhateverTheFieldOrder() throws Exception {
        answer = String.join("\n",
                "{\"type\":\"ADDED\",\"object\":{\"kind\":\"Pod\",\"metadata\":{\"name\":\"a\",\"resourceVersion\":\"5\"}}}",
                "",
                "{\"object\":{\"kind\":\"Pod\",\"metadata\":{\"name\":\"a\",\"resourceVersion\":\"6\"}},\"type\":\"MODIFIED\"}",
                "{\"type\":\"BOOKMARK\",\"object\":{\"kind\":\"Pod\",\"metadata\":{\"resourceVersion\":\"8\"}}}",
                "{\"type\":\"ERROR\",\"object\":{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
                        + "\"reason\":\"Expired\",\"message\":\"too old resource version: 1 (5)\",\"code\":410}}")
                .getBytes(StandardCharsets.UTF_8);
        try (WatchStream<Pod> watch = client.resources(Pod.class).watch(null,
                WatchOptions.from("4").withBookmarks(true).withTimeoutSeconds(300))) {
            assertThat(sent.getFirst().pathAndQuery())
                    .isEqualTo("/api/v1/pods?watch=true&resourceVersion=4&allowWatchBookmarks=true&timeoutSeconds=300");
            WatchEvent<Pod> added = watch.next();
            assertThat(added.type()).isEqualTo(WatchEvent.Type.ADDED);
            assertThat(added.object().getMetadata().getName()).isEqualTo("a");
            assertThat(watch.next().object().getMetadata().getResourceVersion()).isEqualTo("6");
            assertThat(watch.next().type()).isEqualTo(WatchEvent.Type.BOOKMARK);
            WatchEvent<Pod> error = watch.next();
            assertThat(error.type()).isEqualTo(WatchEvent.Type.ERROR);
            assertThat(new ApiStatusException(error.status()).isGone()).isTrue();
            assertThat(watch.next()).isNull();
        }
    }

    @Test
    void aRefusalThatIsNotAStatusStillCarriesItsCode() {
        status = 503;
        answer = "upstream unavailable".getBytes();
        try {
            client.resources(Pod.class).get("ns", "p");
        } catch (ApiStatusException e) {
            assertThat(e.code()).isEqualTo(503);
            assertThat(e.status().getMessage()).isEqualTo("upstream unavailable");
            assertThat(e.isNotFound()).isFalse();
            return;
        }
        throw new AssertionError("expected an ApiStatusException");
    }

    private static InputStream oneByteAtATime(byte[] bytes) {
        return new FilterInputStream(new ByteArrayInputStream(bytes)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(1, len));
            }
        };
    }
}
