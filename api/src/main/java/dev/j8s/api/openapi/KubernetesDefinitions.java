package dev.j8s.api.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.j8s.api.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The OpenAPI definitions of the built-in Kubernetes types, as the build derived them from the
 * Kubernetes Java client's sources (see {@code generate.DefinitionsGenerator}). References are bare
 * definition names ({@code {"$ref": "io.k8s.api.core.v1.PodSpec"}}); documents rewrite them.
 * Instances are read-only: callers copy a definition before changing it.
 */
public final class KubernetesDefinitions {

    static final String RESOURCE = "kubernetes-definitions.json";

    private final Map<String, ObjectNode> byName;

    KubernetesDefinitions(Map<String, ObjectNode> byName) {
        this.byName = Map.copyOf(byName);
    }

    /** The definitions generated into this module's resources; loaded once. */
    public static KubernetesDefinitions builtin() {
        return Builtin.INSTANCE;
    }

    public Optional<ObjectNode> get(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public boolean contains(String name) {
        return byName.containsKey(name);
    }

    public Set<String> names() {
        return byName.keySet();
    }

    /** The given definitions and every definition they reference, directly or not, in discovery order. */
    public Set<String> closure(Collection<String> roots) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> queue = new ArrayDeque<>(roots);
        while (!queue.isEmpty()) {
            String name = queue.poll();
            ObjectNode def = byName.get(name);
            if (def != null && seen.add(name)) {
                def.findValues("$ref").forEach(ref -> queue.add(ref.asText()));
            }
        }
        return seen;
    }

    private static final class Builtin {
        static final KubernetesDefinitions INSTANCE = load();

        private static KubernetesDefinitions load() {
            try (InputStream in = KubernetesDefinitions.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(RESOURCE + " is missing: the api module's build generates it "
                            + "(exec-maven-plugin, process-classes phase)");
                }
                JsonNode root = Json.MAPPER.readTree(in);
                Map<String, ObjectNode> defs = new LinkedHashMap<>();
                root.properties().forEach(e -> defs.put(e.getKey(), (ObjectNode) e.getValue()));
                return new KubernetesDefinitions(defs);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
