package dev.j8s.api;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every resource the API server serves, looked up by group/version/plural or by apiVersion/kind.
 * Built-in types are registered at start; custom resources are added and removed at run time.
 */
public final class ResourceRegistry {

    private final List<ResourceType> types = new CopyOnWriteArrayList<>();

    public static ResourceRegistry withBuiltins() {
        ResourceRegistry registry = new ResourceRegistry();
        BuiltinResources.ALL.forEach(registry::register);
        return registry;
    }

    public void register(ResourceType type) {
        types.removeIf(t -> t.group().equals(type.group()) && t.version().equals(type.version())
                && t.plural().equals(type.plural()));
        types.add(type);
    }

    public void unregister(String group, String version, String plural) {
        types.removeIf(t -> t.group().equals(group) && t.version().equals(version) && t.plural().equals(plural));
    }

    public List<ResourceType> all() {
        return List.copyOf(types);
    }

    public Optional<ResourceType> byResource(String group, String version, String plural) {
        for (ResourceType t : types) {
            if (t.group().equals(group) && t.version().equals(version) && t.plural().equals(plural)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    public Optional<ResourceType> byKind(String apiVersion, String kind) {
        for (ResourceType t : types) {
            if (t.apiVersion().equals(apiVersion) && t.kind().equals(kind)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** Finds the type by kind in any version of a group (e.g. to store under the stable key). */
    public List<ResourceType> byGroupKind(String group, String kind) {
        List<ResourceType> out = new ArrayList<>();
        for (ResourceType t : types) {
            if (t.group().equals(group) && t.kind().equals(kind)) {
                out.add(t);
            }
        }
        return out;
    }

    /** Group name → versions served, in registration order (first = preferred). */
    public Map<String, List<String>> groupVersions() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (ResourceType t : types) {
            List<String> versions = out.computeIfAbsent(t.group(), g -> new ArrayList<>());
            if (!versions.contains(t.version())) {
                versions.add(t.version());
            }
        }
        return out;
    }

    public List<ResourceType> inGroupVersion(String group, String version) {
        List<ResourceType> out = new ArrayList<>();
        for (ResourceType t : types) {
            if (t.group().equals(group) && t.version().equals(version)) {
                out.add(t);
            }
        }
        return out;
    }

    /**
     * Storage key prefix shared by all versions of a resource: "/registry/apps/deployments/". A type
     * stored as another resource shares that resource's prefix (events.k8s.io Events: "/registry/core/events/").
     */
    public static String storagePrefix(ResourceType type) {
        StoredAs storage = type.storedAs();
        String group = storage != null ? storage.group() : type.group();
        String plural = storage != null ? storage.plural() : type.plural();
        return "/registry/" + (group.isEmpty() ? "core" : group) + "/" + plural.toLowerCase(Locale.ROOT) + "/";
    }

    static Collection<ResourceType> builtins() {
        return BuiltinResources.ALL;
    }
}
