package dev.j8s.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ResourceQuota and LimitRange admission over the in-process HTTPS API server. */
class QuotaAdmissionTest {

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

    private static void namespace(String name) throws Exception {
        api.create("/api/v1/namespaces", "{\"metadata\":{\"name\":\"" + name + "\"}}");
    }

    private static void quota(String ns, String name, String hard) throws Exception {
        api.create("/api/v1/namespaces/" + ns + "/resourcequotas",
                "{\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{\"hard\":" + hard + "}}");
    }

    private static String pod(String name, String resources) {
        return "{\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{\"containers\":[{\"name\":\"app\",\"image\":\"busybox\""
                + (resources == null ? "" : ",\"resources\":" + resources) + "}]}}";
    }

    private static HttpResponse<String> post(String ns, String resource, String body) throws Exception {
        return api.call("POST", "/api/v1/namespaces/" + ns + "/" + resource, "application/json", body);
    }

    private static JsonNode status(String ns, String quota) throws Exception {
        return api.json("GET", "/api/v1/namespaces/" + ns + "/resourcequotas/" + quota, null, null, 200).path("status");
    }

    @Test
    void objectCountsAreEnforcedWithKubernetesMessage() throws Exception {
        namespace("counts");
        quota("counts", "q", "{\"configmaps\":\"2\",\"pods\":\"1\"}");
        for (int i = 0; i < 2; i++) {
            assertThat(post("counts", "configmaps", "{\"metadata\":{\"name\":\"cm" + i + "\"}}").statusCode()).isEqualTo(201);
        }
        HttpResponse<String> refused = post("counts", "configmaps", "{\"metadata\":{\"name\":\"cm2\"}}");
        assertThat(refused.statusCode()).isEqualTo(403);
        JsonNode body = ApiServerFixture.parse(refused.body());
        assertThat(body.path("reason").asText()).isEqualTo("Forbidden");
        assertThat(body.path("message").asText()).isEqualTo("configmaps \"cm2\" is forbidden: exceeded quota: q, "
                + "requested: configmaps=1, used: configmaps=2, limited: configmaps=2");
        assertThat(status("counts", "q").path("used").path("configmaps").asText()).isEqualTo("2");
        assertThat(status("counts", "q").path("hard").path("pods").asText()).isEqualTo("1");
    }

    @Test
    void parallelCreatesNeverExceedTheQuota() throws Exception {
        namespace("race");
        quota("race", "pods", "{\"pods\":\"5\"}");
        List<Callable<Integer>> creates = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String name = "p" + i;
            creates.add(() -> post("race", "pods", pod(name, null)).statusCode());
        }
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Integer> codes = new ArrayList<>();
        try {
            for (Future<Integer> f : pool.invokeAll(creates)) {
                codes.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(codes).filteredOn(c -> c == 201).hasSize(5);
        assertThat(codes).filteredOn(c -> c == 403).hasSize(15);
        assertThat(api.json("GET", "/api/v1/namespaces/race/pods", null, null, 200).path("items").size()).isEqualTo(5);
        assertThat(status("race", "pods").path("used").path("pods").asText()).isEqualTo("5");
    }

    @Test
    void deletingAnObjectFreesItsQuota() throws Exception {
        namespace("free");
        quota("free", "q", "{\"pods\":\"1\"}");
        assertThat(post("free", "pods", pod("a", null)).statusCode()).isEqualTo(201);
        assertThat(post("free", "pods", pod("b", null)).statusCode()).isEqualTo(403);
        api.json("DELETE", "/api/v1/namespaces/free/pods/a?gracePeriodSeconds=0", null, null, 200);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> status("free", "q").path("used").path("pods").asText().equals("0"));
        assertThat(post("free", "pods", pod("b", null)).statusCode()).isEqualTo(201);
    }

    @Test
    void computeQuotasSumRequestsAndRequireLimits() throws Exception {
        namespace("compute");
        quota("compute", "cpu", "{\"requests.cpu\":\"1\",\"limits.cpu\":\"2\",\"requests.memory\":\"1Gi\"}");
        HttpResponse<String> bare = post("compute", "pods", pod("bare", null));
        assertThat(bare.statusCode()).isEqualTo(403);
        assertThat(ApiServerFixture.parse(bare.body()).path("message").asText()).isEqualTo("pods \"bare\" is forbidden: "
                + "failed quota: cpu: must specify limits.cpu for: app; requests.cpu for: app; requests.memory for: app");
        String half = "{\"requests\":{\"cpu\":\"500m\",\"memory\":\"256Mi\"},\"limits\":{\"cpu\":\"1\"}}";
        assertThat(post("compute", "pods", pod("one", half)).statusCode()).isEqualTo(201);
        assertThat(post("compute", "pods", pod("two", half)).statusCode()).isEqualTo(201);
        HttpResponse<String> three = post("compute", "pods", pod("three", half));
        assertThat(ApiServerFixture.parse(three.body()).path("message").asText()).isEqualTo("pods \"three\" is forbidden: "
                + "exceeded quota: cpu, requested: limits.cpu=1,requests.cpu=500m, used: limits.cpu=2,requests.cpu=1, "
                + "limited: limits.cpu=2,requests.cpu=1");
        JsonNode used = status("compute", "cpu").path("used");
        assertThat(used.path("requests.memory").asText()).isEqualTo("512Mi");
        assertThat(used.path("limits.cpu").asText()).isEqualTo("2");
    }

    @Test
    void aDryRunIsCheckedButNotCharged() throws Exception {
        namespace("dry");
        quota("dry", "q", "{\"secrets\":\"1\"}");
        String secret = "{\"metadata\":{\"name\":\"s\"},\"stringData\":{\"k\":\"v\"}}";
        assertThat(api.call("POST", "/api/v1/namespaces/dry/secrets?dryRun=All", "application/json", secret).statusCode())
                .isEqualTo(201);
        assertThat(status("dry", "q").path("used").path("secrets").asText()).isEqualTo("0");
        assertThat(post("dry", "secrets", secret).statusCode()).isEqualTo(201);
        assertThat(api.call("POST", "/api/v1/namespaces/dry/secrets?dryRun=All", "application/json",
                secret.replace("\"s\"", "\"t\"")).statusCode()).isEqualTo(403);
    }

    @Test
    void aQuotaCreatedLaterCountsWhatIsAlreadyThere() throws Exception {
        namespace("later");
        for (String name : List.of("a", "b", "c")) {
            post("later", "configmaps", "{\"metadata\":{\"name\":\"" + name + "\"}}");
        }
        post("later", "services", "{\"metadata\":{\"name\":\"web\"},\"spec\":{\"type\":\"NodePort\",\"ports\":[{\"port\":80}]}}");
        quota("later", "q", "{\"count/configmaps\":\"10\",\"services.nodeports\":\"1\",\"services\":\"5\"}");
        await().atMost(Duration.ofSeconds(10)).until(() -> status("later", "q").path("used").path("count/configmaps")
                .asText().equals("3"));
        assertThat(status("later", "q").path("used").path("services.nodeports").asText()).isEqualTo("1");
        HttpResponse<String> second = post("later", "services",
                "{\"metadata\":{\"name\":\"api\"},\"spec\":{\"type\":\"NodePort\",\"ports\":[{\"port\":81}]}}");
        assertThat(ApiServerFixture.parse(second.body()).path("message").asText()).isEqualTo("services \"api\" is forbidden: "
                + "exceeded quota: q, requested: services.nodeports=1, used: services.nodeports=1, limited: services.nodeports=1");
    }

    @Test
    void limitRangesDefaultAndBoundContainers() throws Exception {
        namespace("limits");
        api.create("/api/v1/namespaces/limits/limitranges", """
                {"metadata":{"name":"lr"},"spec":{"limits":[{"type":"Container",
                  "max":{"cpu":"500m"},"default":{"cpu":"200m","memory":"128Mi"},"defaultRequest":{"cpu":"100m"}},
                  {"type":"PersistentVolumeClaim","max":{"storage":"1Gi"}}]}}""");
        JsonNode created = api.create("/api/v1/namespaces/limits/pods", pod("plain", null));
        JsonNode resources = created.at("/spec/containers/0/resources");
        assertThat(resources.at("/limits/cpu").asText()).isEqualTo("200m");
        assertThat(resources.at("/requests/cpu").asText()).isEqualTo("100m");
        assertThat(resources.at("/requests/memory").asText()).isEqualTo("128Mi");
        assertThat(created.at("/metadata/annotations").path("kubernetes.io/limit-ranger").asText())
                .isEqualTo("LimitRanger plugin set: cpu, memory request for container app; cpu, memory limit for container app");

        HttpResponse<String> big = post("limits", "pods", pod("big", "{\"limits\":{\"cpu\":\"1\"}}"));
        assertThat(big.statusCode()).isEqualTo(403);
        assertThat(ApiServerFixture.parse(big.body()).path("message").asText())
                .isEqualTo("pods \"big\" is forbidden: maximum cpu usage per Container is 500m, but limit is 1");

        HttpResponse<String> claim = post("limits", "persistentvolumeclaims", """
                {"metadata":{"name":"data"},"spec":{"accessModes":["ReadWriteOnce"],
                 "resources":{"requests":{"storage":"2Gi"}}}}""");
        assertThat(ApiServerFixture.parse(claim.body()).path("message").asText()).isEqualTo(
                "persistentvolumeclaims \"data\" is forbidden: maximum storage usage per PersistentVolumeClaim is 1Gi, "
                        + "but request is 2Gi");
    }
}
