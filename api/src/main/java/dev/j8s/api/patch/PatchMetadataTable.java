package dev.j8s.api.patch;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Collects the per-field patch metadata of the built-in types while {@link PatchMetadata} loads. */
final class PatchMetadataTable {

    private final Map<Class<?>, Map<String, ListPatchInfo>> byOwner = new HashMap<>();

    /** Empty strings are not used: a missing strategy, merge key or list type is {@code null}. */
    void field(Class<?> owner, String jsonField, String strategy, String mergeKey, String listType,
               String... listMapKeys) {
        ListPatchInfo info = new ListPatchInfo(strategy, mergeKey, listType, List.of(listMapKeys));
        ListPatchInfo previous = byOwner.computeIfAbsent(owner, o -> new HashMap<>()).put(jsonField, info);
        if (previous != null) {
            throw new IllegalStateException("patch metadata declared twice for " + owner.getName() + "." + jsonField);
        }
    }

    Map<Class<?>, Map<String, ListPatchInfo>> freeze() {
        Map<Class<?>, Map<String, ListPatchInfo>> copy = new HashMap<>();
        byOwner.forEach((owner, fields) -> copy.put(owner, Map.copyOf(fields)));
        return Map.copyOf(copy);
    }
}
