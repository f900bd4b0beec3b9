package dev.j8s.api.openapi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.j8s.api.Json;
import dev.j8s.api.ResourceRegistry;
import dev.j8s.api.ResourceType;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A throwaway plain-HTTP server on 127.0.0.1 that answers just what kubectl needs before it reads
 * schemas: /version, legacy discovery built from the registry, and the OpenAPI documents of an
 * {@link OpenApiService}; plus GET and PATCH of objects a test puts in, so kubectl apply has a live
 * object to patch. Everything else is 404. Test-only: the real API server lives elsewhere.
 */
final class DiscoveryAndOpenApiServer implements AutoCloseable {

    private final ResourceRegistry registry;
    private final OpenApiService openApi;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "openapi-test-server");
        t.setDaemon(true);
        return t;
    });
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final Map<String, byte[]> objects = new ConcurrentHashMap<>();
    private final List<Patch> patches = new CopyOnWriteArrayList<>();

    /** A PATCH request kubectl sent. */
    record Patch(String path, String contentType, String body) {}

    DiscoveryAndOpenApiServer(ResourceRegistry registry, OpenApiService openApi) throws IOException {
        this.registry = registry;
        this.openApi = openApi;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** "GET /path?query" of every request served, in order. */
    List<String> requests() {
        return List.copyOf(requests);
    }

    /** Serves this object at that path for GET and answers PATCHes to it with it. */
    void putObject(String path, byte[] json) {
        objects.put(path, json);
    }

    List<Patch> patches() {
        return List.copyOf(patches);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String query = exchange.getRequestURI().getRawQuery();
        requests.add(exchange.getRequestMethod() + " " + path + (query == null ? "" : "?" + query));
        try (exchange) {
            if (exchange.getRequestMethod().equals("PATCH") && objects.containsKey(path)) {
                patches.add(new Patch(path, exchange.getRequestHeaders().getFirst("Content-Type"),
                        new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
                send(exchange, 200, objects.get(path));
                return;
            }
            Optional<byte[]> body = exchange.getRequestMethod().equals("GET") ? route(path) : Optional.empty();
            if (body.isEmpty()) {
                byte[] notFound = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"NotFound\",\"code\":404}"
                        .getBytes(StandardCharsets.UTF_8);
                send(exchange, 404, notFound);
                return;
            }
            send(exchange, 200, body.get());
        }
    }

    private static void send(HttpExchange exchange, int code, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(code, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private Optional<byte[]> route(String path) {
        if (objects.containsKey(path)) {
            return Optional.of(objects.get(path));
        }
        if (path.equals("/version")) {
            return Optional.of(Json.bytes(Json.object().put("major", "1").put("minor", "32")
                    .put("gitVersion", OpenApiService.SERVER_VERSION).put("platform", "linux/amd64")));
        }
        if (path.equals("/api")) {
            ObjectNode versions = Json.object().put("kind", "APIVersions");
            versions.putArray("versions").add("v1");
            versions.putArray("serverAddressByClientCIDRs").addObject()
                    .put("clientCIDR", "0.0.0.0/0").put("serverAddress", "127.0.0.1");
            return Optional.of(Json.bytes(versions));
        }
        if (path.equals("/apis")) {
            return Optional.of(Json.bytes(groupList()));
        }
        if (path.equals("/openapi/v3")) {
            return Optional.of(Json.bytes(openApi.v3Index()));
        }
        if (path.startsWith("/openapi/v3/")) {
            return openApi.v3Document(path.substring("/openapi/v3/".length()));
        }
        String[] parts = path.substring(1).split("/");
        if (parts.length == 2 && parts[0].equals("api")) {
            return resourceList("", parts[1]);
        }
        if (parts.length == 3 && parts[0].equals("apis")) {
            return resourceList(parts[1], parts[2]);
        }
        return Optional.empty();
    }

    private ObjectNode groupList() {
        ObjectNode list = Json.object().put("kind", "APIGroupList").put("apiVersion", "v1");
        ArrayNode groups = list.putArray("groups");
        for (Map.Entry<String, List<String>> e : registry.groupVersions().entrySet()) {
            if (e.getKey().isEmpty()) {
                continue;
            }
            ObjectNode group = groups.addObject().put("name", e.getKey());
            ArrayNode versions = group.putArray("versions");
            for (String v : e.getValue()) {
                versions.addObject().put("groupVersion", e.getKey() + "/" + v).put("version", v);
            }
            group.putObject("preferredVersion").put("groupVersion", e.getKey() + "/" + e.getValue().get(0))
                    .put("version", e.getValue().get(0));
        }
        return list;
    }

    private Optional<byte[]> resourceList(String group, String version) {
        List<ResourceType> types = registry.inGroupVersion(group, version);
        if (types.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode list = Json.object().put("kind", "APIResourceList").put("apiVersion", "v1")
                .put("groupVersion", types.get(0).groupVersion());
        ArrayNode resources = list.putArray("resources");
        for (ResourceType t : types) {
            ObjectNode r = resources.addObject().put("name", t.plural()).put("singularName", t.singular())
                    .put("namespaced", t.namespaced()).put("kind", t.kind());
            ArrayNode verbs = r.putArray("verbs");
            ResourceType.ALL_VERBS.forEach(verbs::add);
            ArrayNode shortNames = r.putArray("shortNames");
            t.shortNames().forEach(shortNames::add);
            ArrayNode categories = r.putArray("categories");
            t.categories().forEach(categories::add);
            for (String sub : t.subresources()) {
                ObjectNode s = resources.addObject().put("name", t.plural() + "/" + sub).put("singularName", "")
                        .put("namespaced", t.namespaced()).put("kind", t.kind());
                s.putArray("verbs").add("get").add("patch").add("update");
            }
        }
        return Optional.of(Json.bytes(list));
    }
}
