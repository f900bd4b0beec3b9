package dev.j8s.api.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.j8s.api.Json;
import dev.j8s.api.ResourceRegistry;
import dev.j8s.api.ResourceType;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The OpenAPI documents kube-apiserver serves: the v3 index ({@code /openapi/v3}), one v3 document
 * per group-version ({@code /openapi/v3/apis/apps/v1}) and the Swagger 2.0 document
 * ({@code /openapi/v2}). Documents are built on first use from the registry and the generated
 * Kubernetes definitions, then kept as bytes until {@link #invalidate()}.
 */
public final class OpenApiService {

    /** The Kubernetes release whose API j8s serves; documents carry it as info.version. */
    static final String SERVER_VERSION = "v1.32.3";

    private final ResourceRegistry registry;
    private final KubernetesDefinitions builtin;
    private volatile V3Snapshot v3;
    private volatile byte[] v2;

    public OpenApiService(ResourceRegistry registry) {
        this(registry, KubernetesDefinitions.builtin());
    }

    OpenApiService(ResourceRegistry registry, KubernetesDefinitions builtin) {
        this.registry = registry;
        this.builtin = builtin;
    }

    /** {"paths": {"api/v1": {"serverRelativeURL": "/openapi/v3/api/v1?hash=HEX"}, "apis/apps/v1": {...}, ...}} */
    public JsonNode v3Index() {
        return v3().index().deepCopy();
    }

    /** The v3 document for a path like "api/v1" or "apis/apps/v1"; empty if unknown. */
    public Optional<byte[]> v3Document(String path) {
        return Optional.ofNullable(v3().documents().get(normalize(path))).map(V3Document::bytes);
    }

    /** The hash that v3Index advertises for that path (the server sets ETag/Cache-Control from it). */
    public Optional<String> v3Hash(String path) {
        return Optional.ofNullable(v3().documents().get(normalize(path))).map(V3Document::hash);
    }

    /** The Swagger 2.0 document served at /openapi/v2 (JSON). */
    public byte[] v2Document() {
        byte[] doc = v2;
        if (doc == null) {
            synchronized (this) {
                if (v2 == null) {
                    v2 = Json.bytes(new V2DocumentBuilder().build(typesByGroupVersion(registry.all()),
                            ServedDefinitions.build(builtin, registry.all()), SERVER_VERSION));
                }
                doc = v2;
            }
        }
        return doc;
    }

    /** Call when registry contents change (CRDs later) to rebuild lazily. */
    public synchronized void invalidate() {
        v3 = null;
        v2 = null;
    }

    private record V3Document(byte[] bytes, String hash) {}

    private record V3Snapshot(Map<String, V3Document> documents, JsonNode index) {}

    private V3Snapshot v3() {
        V3Snapshot snapshot = v3;
        if (snapshot == null) {
            synchronized (this) {
                if (v3 == null) {
                    v3 = buildV3();
                }
                snapshot = v3;
            }
        }
        return snapshot;
    }

    private V3Snapshot buildV3() {
        List<ResourceType> types = registry.all();
        ServedDefinitions definitions = ServedDefinitions.build(builtin, types);
        V3DocumentBuilder builder = new V3DocumentBuilder();
        Map<String, V3Document> documents = new LinkedHashMap<>();
        ObjectNode index = Json.object();
        ObjectNode paths = index.putObject("paths");
        typesByGroupVersion(types).forEach((gv, gvTypes) -> {
            String group = gv.get(0);
            String version = gv.get(1);
            String path = group.isEmpty() ? "api/" + version : "apis/" + group + "/" + version;
            byte[] bytes = Json.bytes(builder.build(group, version, gvTypes, definitions, SERVER_VERSION));
            String hash = sha512(bytes);
            documents.put(path, new V3Document(bytes, hash));
            paths.putObject(path).put("serverRelativeURL", "/openapi/v3/" + path + "?hash=" + hash);
        });
        return new V3Snapshot(Map.copyOf(documents), index);
    }

    /** Served types grouped as ["group", "version"] → types, in registration order. */
    static Map<List<String>, List<ResourceType>> typesByGroupVersion(List<ResourceType> types) {
        Map<List<String>, List<ResourceType>> out = new LinkedHashMap<>();
        for (ResourceType type : types) {
            out.computeIfAbsent(List.of(type.group(), type.version()), gv -> new ArrayList<>()).add(type);
        }
        return out;
    }

    private static String normalize(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        p = p.startsWith("openapi/v3/") ? p.substring("openapi/v3/".length()) : p;
        int query = p.indexOf('?');
        return query >= 0 ? p.substring(0, query) : p;
    }

    /** Upper-case hex SHA-512, as kube-apiserver uses for its v3 ETags. */
    private static String sha512(byte[] bytes) {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-512").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-512 is required of every JVM", e);
        }
    }
}
