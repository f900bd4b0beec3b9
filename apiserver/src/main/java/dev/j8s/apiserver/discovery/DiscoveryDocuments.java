package dev.j8s.apiserver.discovery;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.j8s.api.Json;
import dev.j8s.api.ResourceRegistry;
import dev.j8s.api.ResourceType;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The discovery documents kubectl reads to learn what the server serves: legacy
 * ({@code APIVersions}, {@code APIGroupList}, {@code APIGroup}, {@code APIResourceList}) and
 * aggregated ({@code apidiscovery.k8s.io/v2 APIGroupDiscoveryList}).
 */
public final class DiscoveryDocuments {

    public static final String AGGREGATED_CONTENT_TYPE =
            "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";

    /** Subresources the server actually serves; others declared in the registry stay hidden until they are. */
    private static final Set<String> SERVED_SUBRESOURCES = Set.of("status", "scale", "binding", "eviction");

    private final ResourceRegistry registry;
    private final String serverAddress;

    public DiscoveryDocuments(ResourceRegistry registry, String serverAddress) {
        this.registry = registry;
        this.serverAddress = serverAddress;
    }

    public ObjectNode apiVersions() {
        ObjectNode doc = Json.object();
        doc.put("kind", "APIVersions");
        doc.putArray("versions").add("v1");
        ObjectNode addr = doc.putArray("serverAddressByClientCIDRs").addObject();
        addr.put("clientCIDR", "0.0.0.0/0");
        addr.put("serverAddress", serverAddress);
        return doc;
    }

    public ObjectNode apiGroupList() {
        ObjectNode doc = Json.object();
        doc.put("kind", "APIGroupList");
        doc.put("apiVersion", "v1");
        ArrayNode groups = doc.putArray("groups");
        for (Map.Entry<String, List<String>> g : registry.groupVersions().entrySet()) {
            if (!g.getKey().isEmpty()) {
                groups.add(apiGroup(g.getKey(), g.getValue()));
            }
        }
        return doc;
    }

    public Optional<ObjectNode> apiGroup(String group) {
        List<String> versions = registry.groupVersions().get(group);
        if (versions == null || group.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode doc = apiGroup(group, versions);
        doc.put("kind", "APIGroup");
        doc.put("apiVersion", "v1");
        return Optional.of(doc);
    }

    private static ObjectNode apiGroup(String group, List<String> versions) {
        ObjectNode g = Json.object();
        g.put("name", group);
        ArrayNode vs = g.putArray("versions");
        for (String v : versions) {
            ObjectNode gv = vs.addObject();
            gv.put("groupVersion", group + "/" + v);
            gv.put("version", v);
        }
        ObjectNode preferred = g.putObject("preferredVersion");
        preferred.put("groupVersion", group + "/" + versions.get(0));
        preferred.put("version", versions.get(0));
        return g;
    }

    public Optional<ObjectNode> apiResourceList(String group, String version) {
        List<ResourceType> types = registry.inGroupVersion(group, version);
        if (types.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode doc = Json.object();
        doc.put("kind", "APIResourceList");
        doc.put("apiVersion", "v1");
        doc.put("groupVersion", group.isEmpty() ? version : group + "/" + version);
        ArrayNode resources = doc.putArray("resources");
        for (ResourceType t : types) {
            ObjectNode r = resources.addObject();
            r.put("name", t.plural());
            r.put("singularName", t.singular());
            r.put("namespaced", t.namespaced());
            r.put("kind", t.kind());
            verbs(r.putArray("verbs"), t.verbs());
            if (!t.shortNames().isEmpty()) {
                verbs(r.putArray("shortNames"), t.shortNames());
            }
            if (!t.categories().isEmpty()) {
                verbs(r.putArray("categories"), t.categories());
            }
            for (String sub : sorted(t)) {
                ObjectNode s = resources.addObject();
                s.put("name", t.plural() + "/" + sub);
                s.put("singularName", "");
                s.put("namespaced", t.namespaced());
                SubresourceKind kind = SubresourceKind.of(t, sub);
                if (!kind.group().equals(t.group()) || !kind.version().equals(t.version())) {
                    s.put("group", kind.group());
                    s.put("version", kind.version());
                }
                s.put("kind", kind.kind());
                verbs(s.putArray("verbs"), kind.verbs());
            }
        }
        return Optional.of(doc);
    }

    /** {@code /api} (core) or {@code /apis} (all named groups) in aggregated form. */
    public ObjectNode aggregated(boolean core) {
        ObjectNode doc = Json.object();
        doc.put("kind", "APIGroupDiscoveryList");
        doc.put("apiVersion", "apidiscovery.k8s.io/v2");
        doc.putObject("metadata");
        ArrayNode items = doc.putArray("items");
        for (Map.Entry<String, List<String>> g : registry.groupVersions().entrySet()) {
            if (g.getKey().isEmpty() != core) {
                continue;
            }
            ObjectNode item = items.addObject();
            ObjectNode meta = item.putObject("metadata");
            if (!core) {
                meta.put("name", g.getKey());
            }
            ArrayNode versions = item.putArray("versions");
            for (String v : g.getValue()) {
                ObjectNode version = versions.addObject();
                version.put("version", v);
                ArrayNode resources = version.putArray("resources");
                for (ResourceType t : registry.inGroupVersion(g.getKey(), v)) {
                    resources.add(aggregatedResource(t));
                }
                version.put("freshness", "Current");
            }
        }
        return doc;
    }

    private static ObjectNode aggregatedResource(ResourceType t) {
        ObjectNode r = Json.object();
        r.put("resource", t.plural());
        r.set("responseKind", kind(t.group(), t.version(), t.kind()));
        r.put("scope", t.namespaced() ? "Namespaced" : "Cluster");
        r.put("singularResource", t.singular());
        verbs(r.putArray("verbs"), t.verbs());
        if (!t.shortNames().isEmpty()) {
            verbs(r.putArray("shortNames"), t.shortNames());
        }
        if (!t.categories().isEmpty()) {
            verbs(r.putArray("categories"), t.categories());
        }
        List<String> subs = sorted(t);
        if (!subs.isEmpty()) {
            ArrayNode subresources = r.putArray("subresources");
            for (String sub : subs) {
                SubresourceKind kind = SubresourceKind.of(t, sub);
                ObjectNode s = subresources.addObject();
                s.put("subresource", sub);
                s.set("responseKind", kind(kind.group(), kind.version(), kind.kind()));
                verbs(s.putArray("verbs"), kind.verbs());
            }
        }
        return r;
    }

    private static List<String> sorted(ResourceType t) {
        return t.subresources().stream().filter(SERVED_SUBRESOURCES::contains).sorted().toList();
    }

    private static ObjectNode kind(String group, String version, String kind) {
        ObjectNode k = Json.object();
        k.put("group", group);
        k.put("version", version);
        k.put("kind", kind);
        return k;
    }

    private static void verbs(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }
}
