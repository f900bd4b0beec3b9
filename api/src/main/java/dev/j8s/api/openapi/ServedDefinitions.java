package dev.j8s.api.openapi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.j8s.api.ResourceType;
import dev.j8s.api.patch.ListPatchInfo;
import dev.j8s.api.patch.PatchMetadata;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The definitions the served resources need, decorated the way kube-apiserver publishes them:
 * {@code x-kubernetes-group-version-kind} on kinds and their lists, and the strategic-merge-patch
 * extensions kubectl reads ({@code x-kubernetes-patch-strategy}, {@code x-kubernetes-patch-merge-key},
 * {@code x-kubernetes-list-type}, {@code x-kubernetes-list-map-keys}) on the fields that declare them.
 * Types without a built-in definition (custom resources) get a free-form schema of their own.
 * References stay bare definition names; {@link SchemaRenderer} turns them into document pointers.
 */
final class ServedDefinitions {

    /** Meta kinds every group-version serves, tagged with each of them as kube-apiserver does. */
    private static final List<String> PER_GROUP_META = List.of(ApiGroupPackages.DELETE_OPTIONS, ApiGroupPackages.WATCH_EVENT);

    private final Map<String, ObjectNode> byName;

    private ServedDefinitions(Map<String, ObjectNode> byName) {
        this.byName = byName;
    }

    static ServedDefinitions build(KubernetesDefinitions builtin, List<ResourceType> types) {
        Map<String, ObjectNode> defs = new LinkedHashMap<>();
        Map<String, List<GroupVersionKind>> gvks = new LinkedHashMap<>();
        Map<String, Class<?>> fabric8Roots = new HashMap<>();
        Set<String> roots = new LinkedHashSet<>(ResourceOperations.commonDefinitions());
        for (ResourceType type : types) {
            String kindDef = definitionName(type);
            String listDef = listDefinitionName(type);
            boolean listed = type.supports("list");
            if (!builtin.contains(kindDef)) {
                defs.put(kindDef, CustomResourceSchemas.kind(type));
                if (listed) {
                    defs.put(listDef, CustomResourceSchemas.list(type, kindDef));
                }
            }
            roots.add(kindDef);
            addGvk(gvks, kindDef, new GroupVersionKind(type.group(), type.version(), type.kind()));
            if (listed) {
                roots.add(listDef);
                addGvk(gvks, listDef, new GroupVersionKind(type.group(), type.version(), type.listKind()));
            }
            if (type.modelClass() != null) {
                fabric8Roots.put(kindDef, type.modelClass());
            }
            for (ResourceOperations.SubresourceKind sub : ResourceOperations.subresourceKinds(type)) {
                roots.add(sub.definition());
                addGvk(gvks, sub.definition(), sub.gvk());
            }
            for (String meta : PER_GROUP_META) {
                addGvk(gvks, meta, new GroupVersionKind(type.group(), type.version(), simpleName(meta)));
            }
        }
        addGvk(gvks, ApiGroupPackages.STATUS, new GroupVersionKind("", "v1", "Status"));
        for (String name : builtin.closure(roots)) {
            defs.put(name, builtin.get(name).orElseThrow().deepCopy());
        }
        gvks.forEach((name, list) -> {
            ObjectNode def = defs.get(name);
            if (def != null) {
                ArrayNode array = def.putArray("x-kubernetes-group-version-kind");
                list.forEach(gvk -> array.add(gvk.toJson()));
            }
        });
        addPatchExtensions(defs, Fabric8TypeIndex.build(builtin, fabric8Roots));
        return new ServedDefinitions(defs);
    }

    static String definitionName(ResourceType type) {
        return ApiGroupPackages.definitionName(type.group(), type.version(), type.kind());
    }

    static String listDefinitionName(ResourceType type) {
        return ApiGroupPackages.definitionName(type.group(), type.version(), type.listKind());
    }

    Optional<ObjectNode> get(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    Set<String> names() {
        return byName.keySet();
    }

    /** The given definitions and all they reference. */
    Set<String> closure(Collection<String> roots) {
        Set<String> seen = new LinkedHashSet<>();
        List<String> queue = new ArrayList<>(roots);
        while (!queue.isEmpty()) {
            String name = queue.remove(queue.size() - 1);
            ObjectNode def = byName.get(name);
            if (def != null && seen.add(name)) {
                def.findValues("$ref").stream().filter(r -> r.isTextual()).forEach(r -> queue.add(r.asText()));
            }
        }
        return seen;
    }

    private static void addGvk(Map<String, List<GroupVersionKind>> gvks, String definition, GroupVersionKind gvk) {
        List<GroupVersionKind> list = gvks.computeIfAbsent(definition, d -> new ArrayList<>());
        if (!list.contains(gvk)) {
            list.add(gvk);
        }
    }

    private static String simpleName(String definition) {
        return definition.substring(definition.lastIndexOf('.') + 1);
    }

    private static void addPatchExtensions(Map<String, ObjectNode> defs, Fabric8TypeIndex fabric8) {
        defs.forEach((name, def) -> fabric8.fabric8Class(name).ifPresent(cls ->
                def.path("properties").properties().forEach(p ->
                        PatchMetadata.lookup(cls, p.getKey()).ifPresent(info ->
                                applyPatchInfo((ObjectNode) p.getValue(), info)))));
    }

    static void applyPatchInfo(ObjectNode property, ListPatchInfo info) {
        if (info.strategy() != null) {
            property.put("x-kubernetes-patch-strategy", info.strategy());
        }
        if (info.mergeKey() != null) {
            property.put("x-kubernetes-patch-merge-key", info.mergeKey());
        }
        if (info.listType() != null) {
            property.put("x-kubernetes-list-type", info.listType());
        }
        if (info.listMapKeys() != null && !info.listMapKeys().isEmpty()) {
            ArrayNode keys = property.putArray("x-kubernetes-list-map-keys");
            info.listMapKeys().forEach(keys::add);
        }
    }
}
