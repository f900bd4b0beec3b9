package dev.j8s.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cluster IPs, node ports and the kubernetes Service over the in-process HTTPS API server. */
class ServiceAllocationTest {

    @TempDir
    static Path dir;

    static ApiServerFixture api;

    @BeforeAll
    static void start() throws Exception {
        api = new ApiServerFixture(dir);
        api.create("/api/v1/namespaces", "{\"metadata\":{\"name\":\"svc\"}}");
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static HttpResponse<String> post(String body) throws Exception {
        return api.call("POST", "/api/v1/namespaces/svc/services", "application/json", body);
    }

    private static JsonNode create(String body) throws Exception {
        return api.create("/api/v1/namespaces/svc/services", body);
    }

    private static String service(String name, String specExtra) {
        return "{\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{\"selector\":{\"app\":\"" + name + "\"},"
                + "\"ports\":[{\"port\":80,\"targetPort\":8080}]" + specExtra + "}}";
    }

    private static JsonNode patch(String name, String patch) throws Exception {
        return api.json("PATCH", "/api/v1/namespaces/svc/services/" + name, "application/merge-patch+json", patch, 200);
    }

    @Test
    void theKubernetesServicePointsAtTheApiServer() throws Exception {
        JsonNode svc = api.json("GET", "/api/v1/namespaces/default/services/kubernetes", null, null, 200);
        assertThat(svc.path("spec").path("clusterIP").asText()).isEqualTo("10.43.0.1");
        assertThat(svc.path("spec").path("ports").get(0).path("name").asText()).isEqualTo("https");
        assertThat(svc.path("spec").path("ports").get(0).path("port").asInt()).isEqualTo(443);
        assertThat(svc.path("spec").path("ports").get(0).path("targetPort").asInt()).isEqualTo(api.server.port());
        assertThat(svc.path("spec").has("selector")).isFalse();
        JsonNode ep = api.json("GET", "/api/v1/namespaces/default/endpoints/kubernetes", null, null, 200);
        assertThat(ep.path("subsets").get(0).path("addresses").get(0).path("ip").asText()).isEqualTo("127.0.0.1");
        assertThat(ep.path("subsets").get(0).path("ports").get(0).path("port").asInt()).isEqualTo(api.server.port());
        JsonNode slice = api.json("GET", "/apis/discovery.k8s.io/v1/namespaces/default/endpointslices/kubernetes",
                null, null, 200);
        assertThat(slice.path("metadata").path("labels").path("kubernetes.io/service-name").asText())
                .isEqualTo("kubernetes");
        assertThat(slice.path("metadata").path("labels").has("endpointslice.kubernetes.io/managed-by")).isFalse();
        assertThat(slice.path("endpoints").get(0).path("addresses").get(0).asText()).isEqualTo("127.0.0.1");
        assertThat(slice.path("ports").get(0).path("port").asInt()).isEqualTo(api.server.port());
    }

    @Test
    void aClusterIpServiceGetsAnAddressAndTheDefaultsKubernetesReturns() throws Exception {
        JsonNode spec = create(service("plain", "")).path("spec");
        String ip = spec.path("clusterIP").asText();
        assertThat(ip).startsWith("10.43.").isNotEqualTo("10.43.0.1");
        assertThat(spec.path("clusterIPs").toString()).isEqualTo("[\"" + ip + "\"]");
        assertThat(spec.path("ipFamilies").toString()).isEqualTo("[\"IPv4\"]");
        assertThat(spec.path("ipFamilyPolicy").asText()).isEqualTo("SingleStack");
        assertThat(spec.path("internalTrafficPolicy").asText()).isEqualTo("Cluster");
        assertThat(spec.path("ports").get(0).has("nodePort")).isFalse();
        // A PUT without the clusterIP keeps it (patchAllocatedValues).
        JsonNode current = api.json("GET", "/api/v1/namespaces/svc/services/plain", null, null, 200);
        ((com.fasterxml.jackson.databind.node.ObjectNode) current.path("spec")).remove(java.util.List.of("clusterIP",
                "clusterIPs"));
        JsonNode replaced = api.json("PUT", "/api/v1/namespaces/svc/services/plain", "application/json",
                current.toString(), 200);
        assertThat(replaced.path("spec").path("clusterIP").asText()).isEqualTo(ip);
    }

    @Test
    void aRequestedIpIsHonouredOnceAndOutOfRangeIsInvalid() throws Exception {
        JsonNode first = create(service("dns-like", ",\"clusterIP\":\"10.43.0.10\""));
        assertThat(first.path("spec").path("clusterIP").asText()).isEqualTo("10.43.0.10");

        HttpResponse<String> taken = post(service("second", ",\"clusterIP\":\"10.43.0.10\""));
        assertThat(taken.statusCode()).isEqualTo(422);
        assertThat(ApiServerFixture.parse(taken.body()).path("message").asText()).isEqualTo("Service \"second\" is "
                + "invalid: spec.clusterIPs: Invalid value: []string{\"10.43.0.10\"}: failed to allocate IP 10.43.0.10: "
                + "provided IP is already allocated");
        HttpResponse<String> outside = post(service("outside", ",\"clusterIP\":\"10.44.0.5\""));
        assertThat(outside.statusCode()).isEqualTo(422);
        assertThat(ApiServerFixture.parse(outside.body()).path("message").asText()).isEqualTo("Service \"outside\" is "
                + "invalid: spec.clusterIPs: Invalid value: []string{\"10.44.0.5\"}: failed to allocate IP 10.44.0.5: "
                + "the provided IP (10.44.0.5) is not in the valid range. The range of valid IPs is 10.43.0.0/16");
        assertThat(api.call("GET", "/api/v1/namespaces/svc/services/second", null, null).statusCode()).isEqualTo(404);
    }

    @Test
    void deletingAServiceReleasesItsIpAndPorts() throws Exception {
        create(service("gone", ",\"type\":\"NodePort\",\"clusterIP\":\"10.43.7.7\",\"ports\":[{\"port\":80,"
                + "\"nodePort\":30777}]"));
        api.json("DELETE", "/api/v1/namespaces/svc/services/gone", null, null, 200);
        await().atMost(Duration.ofSeconds(10)).until(() -> post(service("again", ",\"type\":\"NodePort\","
                + "\"clusterIP\":\"10.43.7.7\",\"ports\":[{\"port\":80,\"nodePort\":30777}]")).statusCode() == 201);
    }

    @Test
    void headlessAndExternalNameServicesGetNoAddress() throws Exception {
        JsonNode headless = create(service("headless", ",\"clusterIP\":\"None\"")).path("spec");
        assertThat(headless.path("clusterIP").asText()).isEqualTo("None");
        assertThat(headless.path("clusterIPs").toString()).isEqualTo("[\"None\"]");
        JsonNode external = create("{\"metadata\":{\"name\":\"ext\"},\"spec\":{\"type\":\"ExternalName\","
                + "\"externalName\":\"example.com\"}}").path("spec");
        assertThat(external.has("clusterIP")).isFalse();
        assertThat(external.has("clusterIPs")).isFalse();
    }

    @Test
    void nodePortsAreAllocatedHonouredAndReleasedOnTypeChange() throws Exception {
        JsonNode np = create(service("np", ",\"type\":\"NodePort\"")).path("spec");
        int allocated = np.path("ports").get(0).path("nodePort").asInt();
        assertThat(allocated).isBetween(30000, 32767);
        assertThat(np.path("externalTrafficPolicy").asText()).isEqualTo("Cluster");

        JsonNode fixed = create(service("fixed", ",\"type\":\"NodePort\",\"ports\":[{\"port\":80,\"nodePort\":30080}]"))
                .path("spec");
        assertThat(fixed.path("ports").get(0).path("nodePort").asInt()).isEqualTo(30080);
        HttpResponse<String> duplicate = post(service("dup", ",\"type\":\"NodePort\",\"ports\":[{\"port\":80,"
                + "\"nodePort\":30080}]"));
        assertThat(duplicate.statusCode()).isEqualTo(422);
        assertThat(ApiServerFixture.parse(duplicate.body()).path("message").asText()).isEqualTo("Service \"dup\" is "
                + "invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated");

        HttpResponse<String> outside = post(service("low", ",\"type\":\"NodePort\",\"ports\":[{\"port\":80,"
                + "\"nodePort\":80}]"));
        assertThat(outside.statusCode()).isEqualTo(422);
        assertThat(ApiServerFixture.parse(outside.body()).path("message").asText()).isEqualTo("Service \"low\" is "
                + "invalid: spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range "
                + "of valid ports is 30000-32767");

        // NodePort → ClusterIP drops the unchanged node port (and externalTrafficPolicy) and frees it.
        JsonNode cluster = patch("fixed", "{\"spec\":{\"type\":\"ClusterIP\"}}").path("spec");
        assertThat(cluster.path("ports").get(0).has("nodePort")).isFalse();
        assertThat(cluster.has("externalTrafficPolicy")).isFalse();
        assertThat(post(service("dup", ",\"type\":\"NodePort\",\"ports\":[{\"port\":80,\"nodePort\":30080}]"))
                .statusCode()).isEqualTo(201);
        // ClusterIP → NodePort allocates one again; the cluster IP stays.
        JsonNode back = patch("fixed", "{\"spec\":{\"type\":\"NodePort\"}}").path("spec");
        assertThat(back.path("ports").get(0).path("nodePort").asInt()).isBetween(30000, 32767).isNotEqualTo(30080);
        assertThat(back.path("clusterIP").asText()).isEqualTo(fixed.path("clusterIP").asText());
        // An update that leaves nodePort out keeps the allocated one.
        JsonNode kept = patch("np", "{\"spec\":{\"ports\":[{\"port\":80,\"targetPort\":9090}]}}").path("spec");
        assertThat(kept.path("ports").get(0).path("nodePort").asInt()).isEqualTo(allocated);
    }

    @Test
    void loadBalancersRespectAllocateLoadBalancerNodePorts() throws Exception {
        JsonNode with = create(service("lb", ",\"type\":\"LoadBalancer\"")).path("spec");
        assertThat(with.path("allocateLoadBalancerNodePorts").asBoolean()).isTrue();
        assertThat(with.path("ports").get(0).path("nodePort").asInt()).isBetween(30000, 32767);
        JsonNode without = create(service("lb-none", ",\"type\":\"LoadBalancer\",\"allocateLoadBalancerNodePorts\":false"))
                .path("spec");
        assertThat(without.path("ports").get(0).has("nodePort")).isFalse();
        JsonNode local = create(service("lb-local", ",\"type\":\"LoadBalancer\",\"externalTrafficPolicy\":\"Local\""))
                .path("spec");
        assertThat(local.path("healthCheckNodePort").asInt()).isBetween(30000, 32767);
    }

    @Test
    void aDryRunFillsInAnAddressWithoutKeepingIt() throws Exception {
        JsonNode dry = api.json("POST", "/api/v1/namespaces/svc/services?dryRun=All", "application/json",
                service("dry", ",\"clusterIP\":\"10.43.9.9\""), 201);
        assertThat(dry.path("spec").path("clusterIP").asText()).isEqualTo("10.43.9.9");
        assertThat(create(service("wet", ",\"clusterIP\":\"10.43.9.9\"")).path("spec").path("clusterIP").asText())
                .isEqualTo("10.43.9.9");
    }
}
