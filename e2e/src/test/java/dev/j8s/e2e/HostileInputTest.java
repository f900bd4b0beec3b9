package dev.j8s.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * More than a thousand malformed or hostile requests: fuzzed bodies in every accepted media type,
 * bad paths, oversized bodies, bad selectors and parameters. None may get a 5xx, the server must
 * stay up, and the objects stored before must be exactly as they were.
 */
class HostileInputTest extends ServerPerClass {

    private static final String VALID = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":"
            + "{\"name\":\"fuzz\",\"labels\":{\"a\":\"b\"}},\"data\":{\"k\":\"v\"}}";

    static ApiClient api;

    @BeforeAll
    static void prepare() throws Exception {
        api = ApiClient.fromKubeconfig(server.kubeconfig());
        kubectl.run("create", "namespace", "fuzz").assertOk();
        kubectl.run("create", "configmap", "sentinel", "--from-literal=keep=me").assertOk();
        kubectl.run("create", "deployment", "sentinel", "--image=registry.local/echo:v1").assertOk();
    }

    @Test
    void hostileRequestsNeverCause5xxOrDamage() throws Exception {
        JsonNode cmBefore = api.getJson("/api/v1/namespaces/default/configmaps/sentinel");
        JsonNode deployBefore = api.getJson("/apis/apps/v1/namespaces/default/deployments/sentinel");
        JsonNode nsBefore = names(api.getJson("/api/v1/namespaces"));

        Random random = new Random(42);
        Map<Integer, Integer> codes = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        int sent = 0;
        for (Request r : requests(random)) {
            HttpResponse<String> response = api.send(r.method, r.path, r.contentType, r.body);
            codes.merge(response.statusCode(), 1, Integer::sum);
            if (response.statusCode() >= 500) {
                failures.add(r.method + " " + r.path + " [" + r.contentType + "] → " + response.statusCode() + " "
                        + response.body());
            }
            if (response.statusCode() >= 400 && !response.body().isEmpty()) {
                assertThat(response.body()).as(r.method + " " + r.path).contains("\"kind\":\"Status\"");
            }
            sent++;
        }
        System.out.println("hostile requests: " + sent + ", status codes: " + codes);
        assertThat(sent).isGreaterThanOrEqualTo(1000);
        assertThat(failures).isEmpty();
        assertThat(server.isAlive()).isTrue();
        assertThat(api.getJson("/api/v1/namespaces/default/configmaps/sentinel")).isEqualTo(cmBefore);
        // The Deployment controller legitimately writes status and annotations; what users own must not change.
        JsonNode deployAfter = api.getJson("/apis/apps/v1/namespaces/default/deployments/sentinel");
        assertThat(withoutNulls(deployAfter.get("spec"))).isEqualTo(withoutNulls(deployBefore.get("spec")));
        assertThat(deployAfter.at("/metadata/labels")).isEqualTo(deployBefore.at("/metadata/labels"));
        assertThat(deployAfter.at("/metadata/uid")).isEqualTo(deployBefore.at("/metadata/uid"));
        assertThat(deployAfter.at("/metadata/generation")).isEqualTo(deployBefore.at("/metadata/generation"));
        JsonNode nsAfter = names(api.getJson("/api/v1/namespaces"));
        assertThat(nsAfter).isEqualTo(nsBefore);
    }

    private static JsonNode names(JsonNode list) {
        com.fasterxml.jackson.databind.node.ArrayNode out = new com.fasterxml.jackson.databind.ObjectMapper()
                .createArrayNode();
        list.get("items").forEach(i -> out.add(i.at("/metadata/name").asText()));
        return out;
    }

    private record Request(String method, String path, String contentType, byte[] body) {}

    private static List<Request> requests(Random random) {
        List<Request> out = new ArrayList<>();
        String create = "/api/v1/namespaces/fuzz/configmaps";
        byte[] valid = VALID.getBytes(StandardCharsets.UTF_8);
        String[] types = {"application/json", "application/yaml", "application/vnd.kubernetes.protobuf",
                "text/plain", "application/json-patch+json", ""};
        for (int i = 0; i < 300; i++) {
            out.add(new Request("POST", create, types[i % types.length], randomBytes(random, 1 + random.nextInt(400))));
        }
        for (int i = 0; i < 300; i++) {
            out.add(new Request("POST", create, "application/json", mutate(random, valid)));
        }
        for (int i = 0; i < 100; i++) {
            out.add(new Request("POST", create, "application/json", truncate(random, valid)));
        }
        out.add(new Request("POST", create, "application/json", nested(100_000)));
        out.add(new Request("POST", create, "application/yaml", yamlBomb()));
        out.add(new Request("POST", create, "application/json", new byte[4 * 1024 * 1024]));
        out.add(new Request("POST", create, "application/json", bigConfigMap()));
        for (String body : wrongObjects()) {
            out.add(new Request("POST", create, "application/json", body.getBytes(StandardCharsets.UTF_8)));
        }
        for (String path : badPaths()) {
            for (String method : new String[] {"GET", "POST", "PUT", "PATCH", "DELETE"}) {
                out.add(new Request(method, path, "application/json", valid));
            }
        }
        for (String query : badQueries()) {
            out.add(new Request("GET", "/api/v1/namespaces/default/configmaps?" + query, null, null));
            out.add(new Request("DELETE", "/api/v1/namespaces/fuzz/configmaps?" + query, null, null));
        }
        String target = "/api/v1/namespaces/default/configmaps/sentinel";
        String[] patchTypes = {"application/json-patch+json", "application/merge-patch+json",
                "application/strategic-merge-patch+json", "application/apply-patch+yaml", "application/json"};
        for (int i = 0; i < 150; i++) {
            out.add(new Request("PATCH", target, patchTypes[i % patchTypes.length], randomBytes(random, 1 + random.nextInt(200))));
        }
        for (String patch : badPatches()) {
            out.add(new Request("PATCH", target, "application/json-patch+json", patch.getBytes(StandardCharsets.UTF_8)));
            out.add(new Request("PATCH", target, "application/strategic-merge-patch+json",
                    patch.getBytes(StandardCharsets.UTF_8)));
        }
        for (int i = 0; i < 60; i++) {
            out.add(new Request("PUT", target, "application/json", mutate(random, valid)));
        }
        return out;
    }

    private static byte[] randomBytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static byte[] mutate(Random random, byte[] valid) {
        byte[] b = valid.clone();
        int flips = 1 + random.nextInt(4);
        String alphabet = " {}[]\":,0a-\\\u00ff";
        for (int i = 0; i < flips; i++) {
            b[random.nextInt(b.length)] = (byte) alphabet.charAt(random.nextInt(alphabet.length()));
        }
        return b;
    }

    private static byte[] truncate(Random random, byte[] valid) {
        return java.util.Arrays.copyOf(valid, random.nextInt(valid.length));
    }

    private static byte[] nested(int depth) {
        return ("[".repeat(depth) + "]".repeat(depth)).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] yamlBomb() {
        StringBuilder sb = new StringBuilder("a: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\n");
        String prev = "a";
        for (char c = 'b'; c <= 'k'; c++) {
            sb.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                sb.append(i == 0 ? "" : ",").append('*').append(prev);
            }
            sb.append("]\n");
            prev = String.valueOf(c);
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bigConfigMap() {
        String value = "x".repeat(2 * 1024 * 1024);
        return ("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"big\"},\"data\":{\"k\":\""
                + value + "\"}}").getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> wrongObjects() {
        return List.of(
                "{\"apiVersion\":\"v2\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"a\"}}",
                "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"a\"}}",
                "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"UPPER\"}}",
                "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + "a".repeat(300) + "\"}}",
                "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{}}",
                "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":\"str\"}",
                "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"a\",\"namespace\":\"other\"}}",
                "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"a\",\"resourceVersion\":\"5\"}}",
                "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"a\",\"labels\":{\"bad key!\":\"v\"}}}",
                "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"a\",\"labels\":{\"k\":7}}}",
                "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"a\"},\"data\":{\"k\":{\"x\":1}}}",
                "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"a\"},\"data\":[1,2]}",
                "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"a\"},\"data\":{\"bad/key\":\"v\"}}",
                "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"a\"},\"binaryData\":{\"k\":\"!!notbase64\"}}",
                "[]", "null", "42", "\"str\"", "{}");
    }

    private static List<String> badPaths() {
        return List.of("/api/v1/namespaces//configmaps", "/apis/nope/v1/things", "/api/v9/pods",
                "/api/v1/namespaces/default/configmaps/a/b/c/d", "/api/v1/namespaces/default/unknowns",
                "/api/v1/namespaces/default/configmaps/sentinel/status", "/api/v1/nodes/x/y/z",
                "/api/v1/namespaces/%2e%2e/configmaps", "/api/v1/namespaces/default/configmaps/..%2f..%2fetc",
                "/apis/apps/v1/namespaces/default/deployments/sentinel/scale/x", "/apis", "/api/v1/../../etc/passwd",
                "/openapi/v3/apis/nope/v1", "/metrics/x", "/%ff%fe", "/apis/apps", "/apis/apps/v1/namespaces");
    }

    private static List<String> badQueries() {
        return List.of("labelSelector=a%20in%20(", "labelSelector=!!", "labelSelector=a=b=c", "labelSelector=%00",
                "labelSelector=" + "k".repeat(400) + "=v", "fieldSelector=foo=bar", "fieldSelector=metadata.name",
                "fieldSelector=spec.nodeName=x", "limit=-1", "limit=abc", "limit=99999999999999999999",
                "continue=garbage", "continue=eyJ2IjoibWV0YS5rOHMuaW8vdjEiLCJydiI6MSwic3RhcnQiOiIvZXRjIn0",
                "watch=true&resourceVersion=abc", "watch=true&timeoutSeconds=x", "resourceVersion=-5",
                "includeObject=Everything", "gracePeriodSeconds=-1", "propagationPolicy=Sideways",
                "dryRun=Some", "fieldValidation=Loose");
    }

    private static List<String> badPatches() {
        return List.of("[{\"op\":\"replace\",\"path\":\"/data/missing/deep\",\"value\":1}]",
                "[{\"op\":\"explode\",\"path\":\"/data\"}]", "[{\"op\":\"test\",\"path\":\"/data/keep\",\"value\":\"no\"}]",
                "[{\"op\":\"remove\",\"path\":\"/metadata\"}]", "[{\"op\":\"replace\",\"path\":\"/metadata/name\",\"value\":\"x\"}]",
                "[{\"op\":\"replace\",\"path\":\"/kind\",\"value\":\"Secret\"}]", "{\"$patch\":\"explode\"}",
                "{\"data\":{\"$patch\":\"replace\",\"k\":[1]}}", "{\"metadata\":{\"labels\":{\"bad key!\":\"x\"}}}",
                "{\"metadata\":{\"resourceVersion\":\"1\"},\"data\":{\"x\":\"y\"}}", "[]", "{}", "[1,2,3]",
                "{\"metadata\":{\"$setElementOrder/finalizers\":7}}");
    }

    /**
     * A copy without null fields: a controller's update may send {@code template.metadata.creationTimestamp}
     * omitted where kubectl sent null, which Kubernetes treats as the same value.
     */
    private static JsonNode withoutNulls(JsonNode node) {
        JsonNode copy = node.deepCopy();
        strip(copy);
        return copy;
    }

    private static void strip(JsonNode node) {
        if (node.isObject()) {
            var it = node.fields();
            while (it.hasNext()) {
                JsonNode value = it.next().getValue();
                if (value.isNull()) {
                    it.remove();
                } else {
                    strip(value);
                }
            }
        } else if (node.isArray()) {
            node.forEach(HostileInputTest::strip);
        }
    }
}
