package dev.j8s.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pods get their priority from their PriorityClass (or the global default), as with Kubernetes' Priority plugin. */
class PriorityAdmissionTest {

    @TempDir
    static Path dir;

    static ApiServerFixture api;

    @BeforeAll
    static void start() throws Exception {
        api = new ApiServerFixture(dir);
        api.create("/api/v1/namespaces", "{\"metadata\":{\"name\":\"prio\"}}");
        api.create("/apis/scheduling.k8s.io/v1/priorityclasses",
                "{\"metadata\":{\"name\":\"high\"},\"value\":1000,\"preemptionPolicy\":\"Never\"}");
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static HttpResponse<String> pod(String name, String specExtra) throws Exception {
        return api.call("POST", "/api/v1/namespaces/prio/pods", "application/json", "{\"metadata\":{\"name\":\""
                + name + "\"},\"spec\":{" + specExtra + "\"containers\":[{\"name\":\"app\",\"image\":\"busybox\"}]}}");
    }

    @Test
    void theClassGivesPriorityAndPreemptionPolicy() throws Exception {
        HttpResponse<String> created = pod("important", "\"priorityClassName\":\"high\",");
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode spec = ApiServerFixture.parse(created.body()).path("spec");
        assertThat(spec.path("priority").asInt()).isEqualTo(1000);
        assertThat(spec.path("preemptionPolicy").asText()).isEqualTo("Never");
    }

    @Test
    void withoutAClassPriorityIsZeroUntilAGlobalDefaultExists() throws Exception {
        assertThat(ApiServerFixture.parse(pod("plain", "").body()).at("/spec/priority").asInt()).isZero();
        api.create("/apis/scheduling.k8s.io/v1/priorityclasses",
                "{\"metadata\":{\"name\":\"everyone\"},\"value\":7,\"globalDefault\":true}");
        JsonNode spec = ApiServerFixture.parse(pod("defaulted", "").body()).path("spec");
        assertThat(spec.path("priority").asInt()).isEqualTo(7);
        assertThat(spec.path("priorityClassName").asText()).isEqualTo("everyone");
        api.call("DELETE", "/apis/scheduling.k8s.io/v1/priorityclasses/everyone", null, null);
    }

    @Test
    void anUnknownClassOrAMismatchedPriorityIsForbidden() throws Exception {
        HttpResponse<String> unknown = pod("lost", "\"priorityClassName\":\"nope\",");
        assertThat(unknown.statusCode()).isEqualTo(403);
        assertThat(ApiServerFixture.parse(unknown.body()).path("message").asText())
                .isEqualTo("pods \"lost\" is forbidden: no PriorityClass with name nope was found");
        HttpResponse<String> mismatch = pod("cheat", "\"priorityClassName\":\"high\",\"priority\":5,");
        assertThat(mismatch.statusCode()).isEqualTo(403);
        assertThat(ApiServerFixture.parse(mismatch.body()).path("message").asText()).contains(
                "the integer value of priority (5) must not be provided in pod spec; priority admission controller "
                        + "computed 1000 from the given PriorityClass name");
    }
}
