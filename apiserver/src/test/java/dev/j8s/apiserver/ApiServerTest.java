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

/** The API server's HTTP behaviour, in process, over real HTTPS with client certificates. */
class ApiServerTest {

    @TempDir
    static Path dir;

    static ApiServerFixture api;

    @BeforeAll
    static void start() throws Exception {
        api = new ApiServerFixture(dir);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static String cm(String name, String extra) {
        return "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name + "\"" + extra
                + "},\"data\":{\"k\":\"v\"}}";
    }

    @Test
    void anonymousRequestsGet401ButHealthAndVersionAreOpen() throws Exception {
        HttpResponse<String> r = api.anonymous.send(HttpRequest.newBuilder(URI.create(api.base + "/api/v1/namespaces"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("\"reason\":\"Unauthorized\"");
        for (String open : List.of("/healthz", "/livez", "/readyz", "/version")) {
            assertThat(api.anonymous.send(HttpRequest.newBuilder(URI.create(api.base + open)).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).as(open).isEqualTo(200);
        }
        assertThat(api.json("GET", "/version", null, null, 200).get("minor").asText()).isEqualTo("32");
        assertThat(api.call("GET", "/metrics", null, null).body()).contains("apiserver_request_total");
    }

    @Test
    void aggregatedDiscoveryIsServedWhenAsked() throws Exception {
        HttpResponse<String> r = api.admin.send(HttpRequest.newBuilder(URI.create(api.base + "/apis"))
                .header("Accept", "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json")
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.headers().firstValue("Content-Type").orElse(""))
                .isEqualTo("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList");
        assertThat(r.body()).contains("\"resource\":\"deployments\"", "\"subresource\":\"scale\"");
        assertThat(api.json("GET", "/apis", null, null, 200).get("kind").asText()).isEqualTo("APIGroupList");
        assertThat(api.json("GET", "/api/v1", null, null, 200).get("resources").toString())
                .contains("\"name\":\"pods/status\"");
    }

    @Test
    void createWithGenerateNameDryRunAndConflicts() throws Exception {
        JsonNode generated = api.create("/api/v1/namespaces/default/configmaps",
                "{\"metadata\":{\"generateName\":\"gen-\"},\"data\":{}}");
        assertThat(generated.at("/metadata/name").asText()).startsWith("gen-").hasSize(9);
        JsonNode dry = api.create("/api/v1/namespaces/default/configmaps?dryRun=All", cm("dry", ""));
        assertThat(dry.at("/metadata/uid").asText()).isNotEmpty();
        api.json("GET", "/api/v1/namespaces/default/configmaps/dry", null, null, 404);
        api.create("/api/v1/namespaces/default/configmaps", cm("dup", ""));
        JsonNode exists = api.json("POST", "/api/v1/namespaces/default/configmaps", "application/json", cm("dup", ""), 409);
        assertThat(exists.get("reason").asText()).isEqualTo("AlreadyExists");
        JsonNode missingNs = api.json("POST", "/api/v1/namespaces/nope/configmaps", "application/json", cm("x", ""), 404);
        assertThat(missingNs.get("message").asText()).isEqualTo("namespaces \"nope\" not found");
    }

    @Test
    void updatesUseOptimisticConcurrency() throws Exception {
        JsonNode created = api.create("/api/v1/namespaces/default/configmaps", cm("occ", ""));
        String rv = created.at("/metadata/resourceVersion").asText();
        String body = cm("occ", ",\"resourceVersion\":\"" + rv + "\"").replace("\"v\"", "\"v2\"");
        JsonNode updated = api.json("PUT", "/api/v1/namespaces/default/configmaps/occ", "application/json", body, 200);
        assertThat(Long.parseLong(updated.at("/metadata/resourceVersion").asText())).isGreaterThan(Long.parseLong(rv));
        JsonNode stale = api.json("PUT", "/api/v1/namespaces/default/configmaps/occ", "application/json", body, 409);
        assertThat(stale.get("message").asText()).contains("the object has been modified");
    }

    @Test
    void statusAndScaleSubresources() throws Exception {
        api.create("/apis/apps/v1/namespaces/default/deployments", """
                {"metadata":{"name":"web"},"spec":{"replicas":1,"selector":{"matchLabels":{"app":"web"}},
                 "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"c","image":"i"}]}}},
                 "status":{"replicas":99}}""");
        JsonNode deploy = api.json("GET", "/apis/apps/v1/namespaces/default/deployments/web", null, null, 200);
        assertThat(deploy.has("status") && deploy.get("status").has("replicas")).as("status is not set on create").isFalse();
        api.json("PUT", "/apis/apps/v1/namespaces/default/deployments/web/status", "application/json",
                "{\"metadata\":{\"name\":\"web\"},\"spec\":{\"replicas\":7},\"status\":{\"replicas\":3}}", 200);
        deploy = api.json("GET", "/apis/apps/v1/namespaces/default/deployments/web", null, null, 200);
        assertThat(deploy.at("/status/replicas").asInt()).isEqualTo(3);
        assertThat(deploy.at("/spec/replicas").asInt()).as("a status update leaves spec alone").isEqualTo(1);
        JsonNode scale = api.json("PATCH", "/apis/apps/v1/namespaces/default/deployments/web/scale",
                "application/merge-patch+json", "{\"spec\":{\"replicas\":4}}", 200);
        assertThat(scale.get("kind").asText()).isEqualTo("Scale");
        assertThat(scale.at("/status/selector").asText()).isEqualTo("app=web");
        deploy = api.json("GET", "/apis/apps/v1/namespaces/default/deployments/web", null, null, 200);
        assertThat(deploy.at("/spec/replicas").asInt()).isEqualTo(4);
        assertThat(deploy.at("/metadata/generation").asInt()).isEqualTo(2);
    }

    @Test
    void finalizersHoldDeletionUntilRemoved() throws Exception {
        api.create("/api/v1/namespaces/default/configmaps", cm("fin", ",\"finalizers\":[\"example.com/hold\"]"));
        HttpResponse<String> pending = api.call("DELETE", "/api/v1/namespaces/default/configmaps/fin", null, null);
        assertThat(pending.statusCode()).isEqualTo(202);
        JsonNode held = api.json("GET", "/api/v1/namespaces/default/configmaps/fin", null, null, 200);
        assertThat(held.at("/metadata/deletionTimestamp").asText()).isNotEmpty();
        api.json("PATCH", "/api/v1/namespaces/default/configmaps/fin", "application/merge-patch+json",
                "{\"metadata\":{\"finalizers\":null}}", 200);
        api.json("GET", "/api/v1/namespaces/default/configmaps/fin", null, null, 404);
    }

    @Test
    void deletePreconditionsAndCollections() throws Exception {
        api.create("/api/v1/namespaces/default/configmaps", cm("pre", ",\"labels\":{\"set\":\"a\"}"));
        api.create("/api/v1/namespaces/default/configmaps", cm("pre2", ",\"labels\":{\"set\":\"a\"}"));
        JsonNode conflict = api.json("DELETE", "/api/v1/namespaces/default/configmaps/pre", "application/json",
                "{\"preconditions\":{\"uid\":\"not-the-uid\"}}", 409);
        assertThat(conflict.get("message").asText()).contains("Precondition failed");
        api.json("DELETE", "/api/v1/namespaces/default/configmaps?labelSelector=set%3Da", null, null, 200);
        api.json("GET", "/api/v1/namespaces/default/configmaps/pre", null, null, 404);
        api.json("GET", "/api/v1/namespaces/default/configmaps/pre2", null, null, 404);
    }

    @Test
    void pagingWithLimitAndContinue() throws Exception {
        api.create("/api/v1/namespaces", "{\"metadata\":{\"name\":\"paging\"}}");
        for (int i = 0; i < 7; i++) {
            api.create("/api/v1/namespaces/paging/configmaps", cm("p" + i, ""));
        }
        JsonNode first = api.json("GET", "/api/v1/namespaces/paging/configmaps?limit=3", null, null, 200);
        assertThat(first.get("items")).hasSize(3);
        assertThat(first.at("/metadata/remainingItemCount").asInt()).isEqualTo(4);
        String token = first.at("/metadata/continue").asText();
        JsonNode second = api.json("GET", "/api/v1/namespaces/paging/configmaps?limit=3&continue=" + token, null, null, 200);
        assertThat(second.get("items")).hasSize(3);
        JsonNode last = api.json("GET", "/api/v1/namespaces/paging/configmaps?limit=3&continue="
                + second.at("/metadata/continue").asText(), null, null, 200);
        assertThat(last.get("items")).hasSize(1);
        assertThat(last.at("/metadata").has("continue")).isFalse();
    }

    @Test
    void watchFromVersionWithBookmarksAnd410AfterCompaction() throws Exception {
        api.create("/api/v1/namespaces", "{\"metadata\":{\"name\":\"watched\"}}");
        JsonNode a = api.create("/api/v1/namespaces/watched/configmaps", cm("a", ",\"labels\":{\"w\":\"1\"}"));
        String from = a.at("/metadata/resourceVersion").asText();
        HttpResponse<InputStream> stream = api.admin.send(HttpRequest.newBuilder(URI.create(api.base
                + "/api/v1/namespaces/watched/configmaps?watch=true&allowWatchBookmarks=true&labelSelector=w%3D1"
                + "&resourceVersion=" + from)).build(), HttpResponse.BodyHandlers.ofInputStream());
        List<JsonNode> events = new CopyOnWriteArrayList<>();
        Thread reader = Thread.ofVirtual().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    events.add(ApiServerFixture.parse(line));
                }
            } catch (Exception ignored) {
                // The stream was closed by the test.
            }
        });
        api.create("/api/v1/namespaces/watched/configmaps", cm("b", ",\"labels\":{\"w\":\"1\"}"));
        api.create("/api/v1/namespaces/watched/configmaps", cm("ignored", ""));
        api.json("PATCH", "/api/v1/namespaces/watched/configmaps/b", "application/merge-patch+json",
                "{\"metadata\":{\"labels\":{\"w\":\"0\"}}}", 200);
        await().atMost(Duration.ofSeconds(10)).until(() -> events.stream().anyMatch(e -> e.get("type").asText()
                .equals("BOOKMARK")) && events.stream().filter(e -> !e.get("type").asText().equals("BOOKMARK")).count() >= 2);
        List<String> types = events.stream().map(e -> e.get("type").asText()).filter(t -> !t.equals("BOOKMARK")).toList();
        assertThat(types).containsExactly("ADDED", "DELETED");
        assertThat(events.get(0).at("/object/metadata/name").asText()).isEqualTo("b");
        stream.body().close();
        reader.interrupt();

        api.store.compact(api.store.currentRevision());
        HttpResponse<String> gone = api.call("GET", "/api/v1/namespaces/watched/configmaps?watch=true&resourceVersion="
                + from, null, null);
        JsonNode event = ApiServerFixture.parse(gone.body().lines().findFirst().orElseThrow());
        assertThat(event.get("type").asText()).isEqualTo("ERROR");
        assertThat(event.at("/object/code").asInt()).isEqualTo(410);
    }

    @Test
    void deletedNamespacesTerminateEmptyThemselvesAndGo() throws Exception {
        api.create("/api/v1/namespaces", "{\"metadata\":{\"name\":\"doomed\"}}");
        api.create("/api/v1/namespaces/doomed/configmaps", cm("held", ",\"finalizers\":[\"example.com/hold\"]"));
        api.create("/api/v1/namespaces/doomed/configmaps", cm("free", ""));
        JsonNode terminating = api.json("DELETE", "/api/v1/namespaces/doomed", null, null, 202);
        assertThat(terminating.at("/status/phase").asText()).isEqualTo("Terminating");
        JsonNode refused = api.json("POST", "/api/v1/namespaces/doomed/configmaps", "application/json", cm("late", ""), 403);
        assertThat(refused.get("message").asText()).isEqualTo("configmaps \"late\" is forbidden: unable to create new "
                + "content in namespace doomed because it is being terminated");
        await().atMost(Duration.ofSeconds(10)).until(() ->
                api.call("GET", "/api/v1/namespaces/doomed/configmaps/free", null, null).statusCode() == 404);
        assertThat(api.json("GET", "/api/v1/namespaces/doomed", null, null, 200).at("/status/phase").asText())
                .as("a finalizer holds the namespace").isEqualTo("Terminating");
        api.json("PATCH", "/api/v1/namespaces/doomed/configmaps/held", "application/merge-patch+json",
                "{\"metadata\":{\"finalizers\":null}}", 200);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                api.call("GET", "/api/v1/namespaces/doomed", null, null).statusCode() == 404);
    }

    private static String owned(String name, JsonNode owner, boolean block) {
        return cm(name, ",\"ownerReferences\":[{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"name\":\""
                + owner.at("/metadata/name").asText() + "\",\"uid\":\"" + owner.at("/metadata/uid").asText()
                + "\",\"blockOwnerDeletion\":" + block + "}]");
    }

    private static boolean gone(String name) throws Exception {
        return api.call("GET", "/api/v1/namespaces/gc/configmaps/" + name, null, null).statusCode() == 404;
    }

    @Test
    void garbageCollectionFollowsThePropagationPolicy() throws Exception {
        api.create("/api/v1/namespaces", "{\"metadata\":{\"name\":\"gc\"}}");
        String base = "/api/v1/namespaces/gc/configmaps";

        JsonNode bg = api.create(base, cm("bg-owner", ""));
        api.create(base, owned("bg-child", bg, false));
        JsonNode child = api.json("GET", base + "/bg-child", null, null, 200);
        api.create(base, owned("bg-grandchild", child, false));
        api.json("DELETE", base + "/bg-owner", "application/json", "{\"propagationPolicy\":\"Background\"}", 200);
        await().atMost(Duration.ofSeconds(10)).until(() -> gone("bg-child") && gone("bg-grandchild"));

        JsonNode orphanOwner = api.create(base, cm("orphan-owner", ""));
        api.create(base, owned("orphan-child", orphanOwner, false));
        api.json("DELETE", base + "/orphan-owner?propagationPolicy=Orphan", null, null, 200);
        JsonNode orphan = api.json("GET", base + "/orphan-child", null, null, 200);
        assertThat(orphan.at("/metadata").has("ownerReferences")).isFalse();

        JsonNode fg = api.create(base, cm("fg-owner", ""));
        api.create(base, owned("fg-blocker", fg, true).replace("\"name\":\"fg-blocker\"",
                "\"name\":\"fg-blocker\",\"finalizers\":[\"example.com/hold\"]"));
        HttpResponse<String> pending = api.call("DELETE", base + "/fg-owner", "application/json",
                "{\"propagationPolicy\":\"Foreground\"}");
        assertThat(pending.statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> api.json("GET", base + "/fg-blocker", null, null, 200)
                .at("/metadata/deletionTimestamp").isTextual());
        JsonNode waiting = api.json("GET", base + "/fg-owner", null, null, 200);
        assertThat(waiting.at("/metadata/finalizers").toString()).contains("foregroundDeletion");
        api.json("PATCH", base + "/fg-blocker", "application/merge-patch+json", "{\"metadata\":{\"finalizers\":null}}", 200);
        await().atMost(Duration.ofSeconds(10)).until(() -> gone("fg-blocker") && gone("fg-owner"));
    }

    @Test
    void oversizedBodiesGet413() throws Exception {
        String huge = "{\"metadata\":{\"name\":\"big\"},\"data\":{\"k\":\"" + "x".repeat(3 * 1024 * 1024) + "\"}}";
        HttpResponse<String> r = api.call("POST", "/api/v1/namespaces/default/configmaps", "application/json", huge);
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.body()).contains("RequestEntityTooLarge");
    }
}
