package dev.j8s.api.patch;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The patch strategies and merge keys of the built-in Kubernetes types, used by strategic merge
 * patch and published in the OpenAPI schemas ({@code x-kubernetes-patch-strategy},
 * {@code x-kubernetes-patch-merge-key}, {@code x-kubernetes-list-type}, {@code x-kubernetes-list-map-keys}).
 *
 * <p>Covers meta/v1, core/v1, apps/v1, batch/v1, networking.k8s.io/v1, coordination.k8s.io/v1,
 * discovery.k8s.io/v1, events.k8s.io/v1, policy/v1, rbac.authorization.k8s.io/v1, autoscaling/v1,
 * autoscaling/v2, storage.k8s.io/v1 and scheduling.k8s.io/v1 as of Kubernetes 1.32. Fields the
 * Kubernetes types leave unannotated (maps, scalars, most structs) have no entry.
 */
public final class PatchMetadata {

    private static final Map<Class<?>, Map<String, ListPatchInfo>> FIELDS = load();

    private PatchMetadata() {}

    /**
     * @param owner     the fabric8 model class declaring the field (e.g. {@code PodSpec.class})
     * @param jsonField the field's JSON name (e.g. "containers")
     */
    public static Optional<ListPatchInfo> lookup(Class<?> owner, String jsonField) {
        return Optional.ofNullable(FIELDS.getOrDefault(owner, Map.of()).get(jsonField));
    }

    /** All annotated fields of {@code owner}, by JSON name; empty when it declares none. */
    public static Map<String, ListPatchInfo> fieldsOf(Class<?> owner) {
        return FIELDS.getOrDefault(owner, Map.of());
    }

    /** Every class with annotated fields. */
    static Set<Class<?>> owners() {
        return FIELDS.keySet();
    }

    private static Map<Class<?>, Map<String, ListPatchInfo>> load() {
        PatchMetadataTable table = new PatchMetadataTable();
        CorePatchFields.register(table);
        GroupPatchFields.register(table);
        return table.freeze();
    }
}
