package dev.j8s.api.patch;

import java.util.Optional;

/**
 * The patch strategies and merge keys of the built-in Kubernetes types, used by strategic merge
 * patch and published in the OpenAPI schemas ({@code x-kubernetes-patch-strategy},
 * {@code x-kubernetes-patch-merge-key}, {@code x-kubernetes-list-type}, {@code x-kubernetes-list-map-keys}).
 */
public final class PatchMetadata {

    private PatchMetadata() {}

    /**
     * @param owner     the fabric8 model class declaring the field (e.g. {@code PodSpec.class})
     * @param jsonField the field's JSON name (e.g. "containers")
     */
    public static Optional<ListPatchInfo> lookup(Class<?> owner, String jsonField) {
        return Optional.empty();
    }
}
