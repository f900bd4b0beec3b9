package dev.j8s.api.proto;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.j8s.api.ApiException;
import dev.j8s.api.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Just enough of an API server on 127.0.0.1 (plain HTTP) for {@code kubectl create ... --dry-run=server}
 * to get to its POST: version, discovery, and a create endpoint that records the body and answers
 * with the object decoded from it (so kubectl also reads our JSON back).
 */
final class KubectlCaptureServer implements AutoCloseable {

    record Captured(String path, String contentType, byte[] body) {}

    private static final Map<String, String> DISCOVERY = Map.ofEntries(
            Map.entry("/version", """
                    {"major":"1","minor":"32","gitVersion":"v1.32.3","platform":"linux/amd64"}"""),
            Map.entry("/api", """
                    {"kind":"APIVersions","versions":["v1"],"serverAddressByClientCIDRs":[{"clientCIDR":"0.0.0.0/0","serverAddress":"127.0.0.1"}]}"""),
            Map.entry("/apis", """
                    {"kind":"APIGroupList","apiVersion":"v1","groups":[%s]}""".formatted(String.join(",",
                    group("apps"), group("batch"), group("networking.k8s.io"), group("rbac.authorization.k8s.io"),
                    group("authorization.k8s.io"), group("policy"), group("scheduling.k8s.io")))),
            Map.entry("/api/v1", resources("v1", "configmaps:ConfigMap:true", "secrets:Secret:true",
                    "namespaces:Namespace:false", "services:Service:true", "serviceaccounts:ServiceAccount:true",
                    "resourcequotas:ResourceQuota:true", "pods:Pod:true")),
            Map.entry("/apis/apps/v1", resources("apps/v1", "deployments:Deployment:true")),
            Map.entry("/apis/batch/v1", resources("batch/v1", "jobs:Job:true", "cronjobs:CronJob:true")),
            Map.entry("/apis/networking.k8s.io/v1", resources("networking.k8s.io/v1", "ingresses:Ingress:true")),
            Map.entry("/apis/rbac.authorization.k8s.io/v1", resources("rbac.authorization.k8s.io/v1",
                    "roles:Role:true", "rolebindings:RoleBinding:true", "clusterroles:ClusterRole:false",
                    "clusterrolebindings:ClusterRoleBinding:false")),
            Map.entry("/apis/authorization.k8s.io/v1", resources("authorization.k8s.io/v1",
                    "selfsubjectaccessreviews:SelfSubjectAccessReview:false")),
            Map.entry("/apis/policy/v1", resources("policy/v1", "poddisruptionbudgets:PodDisruptionBudget:true")),
            Map.entry("/apis/scheduling.k8s.io/v1", resources("scheduling.k8s.io/v1",
                    "priorityclasses:PriorityClass:false")));

    private final HttpServer server;
    private final List<Captured> captured = new CopyOnWriteArrayList<>();

    KubectlCaptureServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Captured> captured() {
        return List.copyOf(captured);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (exchange.getRequestMethod().equals("POST")) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
                captured.add(new Captured(path, contentType, body));
                answerCreate(exchange, contentType, body);
                return;
            }
            String json = DISCOVERY.get(path);
            if (json == null) {
                send(exchange, 404, """
                        {"kind":"Status","apiVersion":"v1","status":"Failure","reason":"NotFound","code":404}""");
            } else {
                send(exchange, 200, json);
            }
        }
    }

    private static void answerCreate(HttpExchange exchange, String contentType, byte[] body) throws IOException {
        if (contentType == null || !contentType.startsWith(ProtobufCodec.MEDIA_TYPE)) {
            send(exchange, 201, new String(body, StandardCharsets.UTF_8));
            return;
        }
        try {
            ObjectNode object = ProtobufCodec.decode(body);
            if (object.path("kind").asText().endsWith("AccessReview")) {
                object.putObject("status").put("allowed", true);
            }
            send(exchange, 201, Json.string(object));
        } catch (ApiException e) {
            send(exchange, 400, """
                    {"kind":"Status","apiVersion":"v1","status":"Failure","reason":"BadRequest","code":400}""");
        }
    }

    private static void send(HttpExchange exchange, int code, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String group(String name) {
        return """
                {"name":"%s","versions":[{"groupVersion":"%s/v1","version":"v1"}],"preferredVersion":{"groupVersion":"%s/v1","version":"v1"}}"""
                .formatted(name, name, name);
    }

    /** Each spec is plural:Kind:namespaced. */
    private static String resources(String groupVersion, String... specs) {
        StringBuilder out = new StringBuilder("{\"kind\":\"APIResourceList\",\"groupVersion\":\"" + groupVersion
                + "\",\"resources\":[");
        for (int i = 0; i < specs.length; i++) {
            String[] p = specs[i].split(":");
            out.append(i == 0 ? "" : ",").append("{\"name\":\"").append(p[0]).append("\",\"singularName\":\"")
                    .append(p[1].toLowerCase()).append("\",\"namespaced\":").append(p[2]).append(",\"kind\":\"")
                    .append(p[1]).append("\",\"verbs\":[\"create\",\"get\",\"list\",\"delete\"]}");
        }
        return out.append("]}").toString();
    }
}
