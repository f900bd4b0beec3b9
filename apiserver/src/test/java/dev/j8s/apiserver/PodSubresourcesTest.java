package dev.j8s.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pods/binding and pods/eviction over the in-process HTTPS API server. */
class PodSubresourcesTest {

    @TempDir
    static Path dir;

    static ApiServerFixture api;

    @BeforeAll
    static void start() throws Exception {
        api = new ApiServerFixture(dir);
        api.create("/api/v1/namespaces", "{\"metadata\":{\"name\":\"subres\"}}");
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static JsonNode pod(String name, String labels) throws Exception {
        return api.create("/api/v1/namespaces/subres/pods", "{\"metadata\":{\"name\":\"" + name + "\",\"labels\":"
                + labels + "},\"spec\":{\"containers\":[{\"name\":\"app\",\"image\":\"busybox\"}]}}");
    }

    private static String binding(String pod, String node) {
        return "{\"apiVersion\":\"v1\",\"kind\":\"Binding\",\"metadata\":{\"name\":\"" + pod + "\",\"annotations\":"
                + "{\"scheduled-by\":\"test\"}},\"target\":{\"kind\":\"Node\",\"name\":\"" + node + "\"}}";
    }

    private static HttpResponse<String> bind(String pod, String body) throws Exception {
        return api.call("POST", "/api/v1/namespaces/subres/pods/" + pod + "/binding", "application/json", body);
    }

    private static HttpResponse<String> evict(String pod) throws Exception {
        return api.call("POST", "/api/v1/namespaces/subres/pods/" + pod + "/eviction", "application/json",
                "{\"apiVersion\":\"policy/v1\",\"kind\":\"Eviction\",\"metadata\":{\"name\":\"" + pod + "\"},"
                        + "\"deleteOptions\":{\"gracePeriodSeconds\":0}}");
    }

    private static JsonNode get(String path) throws Exception {
        return api.json("GET", path, null, null, 200);
    }

    /** Moves a pod to Running and Ready, as its node agent would. */
    private static void running(String pod) throws Exception {
        ObjectNode current = (ObjectNode) get("/api/v1/namespaces/subres/pods/" + pod);
        ObjectNode status = current.putObject("status").put("phase", "Running");
        status.putArray("conditions").addObject().put("type", "Ready").put("status", "True");
        api.json("PUT", "/api/v1/namespaces/subres/pods/" + pod + "/status", "application/json", current.toString(), 200);
    }

    private static void budget(String name, String app, int allowed) throws Exception {
        JsonNode pdb = api.create("/apis/policy/v1/namespaces/subres/poddisruptionbudgets",
                "{\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{\"minAvailable\":1,\"selector\":{\"matchLabels\":"
                        + "{\"app\":\"" + app + "\"}}}}");
        // No disruption controller runs here: the test publishes what it would compute.
        String status = "{\"apiVersion\":\"policy/v1\",\"kind\":\"PodDisruptionBudget\",\"metadata\":{\"name\":\""
                + name + "\",\"resourceVersion\":\"" + pdb.at("/metadata/resourceVersion").asText() + "\"},"
                + "\"spec\":{\"minAvailable\":1,\"selector\":{\"matchLabels\":{\"app\":\"" + app + "\"}}},"
                + "\"status\":{\"observedGeneration\":" + pdb.at("/metadata/generation").asLong() + ",\"disruptionsAllowed\":"
                + allowed + ",\"currentHealthy\":1,\"desiredHealthy\":1,\"expectedPods\":1}}";
        api.json("PUT", "/apis/policy/v1/namespaces/subres/poddisruptionbudgets/" + name + "/status",
                "application/json", status, 200);
    }

    @Test
    void bindingSetsTheNodeOnceAndMarksThePodScheduled() throws Exception {
        pod("bound", "{}");
        HttpResponse<String> first = bind("bound", binding("bound", "node-a"));
        assertThat(first.statusCode()).isEqualTo(201);
        JsonNode status = ApiServerFixture.parse(first.body());
        assertThat(status.path("kind").asText()).isEqualTo("Status");
        assertThat(status.path("status").asText()).isEqualTo("Success");
        assertThat(status.path("code").asInt()).isEqualTo(201);

        JsonNode pod = get("/api/v1/namespaces/subres/pods/bound");
        assertThat(pod.at("/spec/nodeName").asText()).isEqualTo("node-a");
        assertThat(pod.at("/metadata/annotations/scheduled-by").asText()).isEqualTo("test");
        JsonNode scheduled = pod.at("/status/conditions/0");
        assertThat(scheduled.path("type").asText()).isEqualTo("PodScheduled");
        assertThat(scheduled.path("status").asText()).isEqualTo("True");
        assertThat(scheduled.path("lastTransitionTime").asText()).isNotEmpty();

        HttpResponse<String> again = bind("bound", binding("bound", "node-b"));
        assertThat(again.statusCode()).isEqualTo(409);
        JsonNode conflict = ApiServerFixture.parse(again.body());
        assertThat(conflict.path("reason").asText()).isEqualTo("Conflict");
        assertThat(conflict.path("message").asText()).isEqualTo(
                "Operation cannot be fulfilled on pods/binding \"bound\": pod bound is already assigned to node \"node-a\"");
        assertThat(get("/api/v1/namespaces/subres/pods/bound").at("/spec/nodeName").asText()).isEqualTo("node-a");
    }

    @Test
    void bindingChecksItsNameTargetAndUid() throws Exception {
        JsonNode pod = pod("checked", "{}");
        assertThat(bind("checked", binding("other", "node-a")).statusCode()).isEqualTo(400);
        HttpResponse<String> noTarget = bind("checked", "{\"metadata\":{\"name\":\"checked\"},\"target\":{}}");
        assertThat(noTarget.statusCode()).isEqualTo(422);
        assertThat(noTarget.body()).contains("target.name: Required value");
        HttpResponse<String> staleUid = bind("checked", "{\"metadata\":{\"name\":\"checked\",\"uid\":\"not-it\"},"
                + "\"target\":{\"name\":\"node-a\"}}");
        assertThat(staleUid.statusCode()).isEqualTo(409);
        assertThat(staleUid.body()).contains("Precondition failed: UID in precondition: not-it");
        HttpResponse<String> withUid = bind("checked", "{\"metadata\":{\"name\":\"checked\",\"uid\":\""
                + pod.at("/metadata/uid").asText() + "\"},\"target\":{\"name\":\"node-a\"}}");
        assertThat(withUid.statusCode()).isEqualTo(201);
        assertThat(bind("missing", binding("missing", "node-a")).statusCode()).isEqualTo(404);
    }

    @Test
    void evictionBlockedByABudgetAnswers429WithTheDisruptionBudgetCause() throws Exception {
        pod("guarded", "{\"app\":\"guarded\"}");
        bind("guarded", binding("guarded", "node-a"));
        running("guarded");
        budget("guarded-pdb", "guarded", 0);

        HttpResponse<String> refused = evict("guarded");
        assertThat(refused.statusCode()).isEqualTo(429);
        JsonNode status = ApiServerFixture.parse(refused.body());
        assertThat(status.path("reason").asText()).isEqualTo("TooManyRequests");
        assertThat(status.path("message").asText())
                .isEqualTo("Cannot evict pod as it would violate the pod's disruption budget.");
        assertThat(status.at("/details/causes/0/reason").asText()).isEqualTo("DisruptionBudget");
        assertThat(status.at("/details/causes/0/message").asText())
                .isEqualTo("The disruption budget guarded-pdb needs 1 healthy pods and has 1 currently");
        assertThat(api.call("GET", "/api/v1/namespaces/subres/pods/guarded", null, null).statusCode()).isEqualTo(200);
    }

    @Test
    void evictionAllowedByABudgetDecrementsItAndDeletesThePod() throws Exception {
        pod("spare", "{\"app\":\"spare\"}");
        bind("spare", binding("spare", "node-a"));
        running("spare");
        budget("spare-pdb", "spare", 1);

        HttpResponse<String> evicted = evict("spare");
        assertThat(evicted.statusCode()).isEqualTo(201);
        assertThat(ApiServerFixture.parse(evicted.body()).path("status").asText()).isEqualTo("Success");
        assertThat(api.call("GET", "/api/v1/namespaces/subres/pods/spare", null, null).statusCode()).isEqualTo(404);
        JsonNode pdb = get("/apis/policy/v1/namespaces/subres/poddisruptionbudgets/spare-pdb");
        assertThat(pdb.at("/status/disruptionsAllowed").asInt()).isZero();
        assertThat(pdb.at("/status/disruptedPods/spare").asText()).isNotEmpty();
    }

    @Test
    void evictionWithoutABudgetDeletesGracefully() throws Exception {
        pod("free", "{\"app\":\"free\"}");
        bind("free", binding("free", "node-a"));
        running("free");
        HttpResponse<String> evicted = api.call("POST", "/api/v1/namespaces/subres/pods/free/eviction",
                "application/json", "{\"apiVersion\":\"policy/v1\",\"kind\":\"Eviction\",\"metadata\":{\"name\":\"free\"}}");
        assertThat(evicted.statusCode()).isEqualTo(201);
        // A pod on a node gets its grace period: its agent finishes the deletion.
        JsonNode pod = get("/api/v1/namespaces/subres/pods/free");
        assertThat(pod.at("/metadata/deletionTimestamp").asText()).isNotEmpty();
        assertThat(pod.at("/status/conditions").toString()).contains("EvictionByEvictionAPI");
    }

    @Test
    void discoveryListsBindingAndEvictionAsCreateOnlySubresources() throws Exception {
        JsonNode resources = get("/api/v1").path("resources");
        boolean binding = false;
        boolean eviction = false;
        for (JsonNode r : resources) {
            String name = r.path("name").asText();
            binding |= name.equals("pods/binding") && r.path("kind").asText().equals("Binding")
                    && r.path("verbs").toString().equals("[\"create\"]");
            eviction |= name.equals("pods/eviction") && r.path("kind").asText().equals("Eviction")
                    && r.path("group").asText().equals("policy") && r.path("verbs").toString().equals("[\"create\"]");
        }
        assertThat(binding).isTrue();
        assertThat(eviction).isTrue();
    }
}
