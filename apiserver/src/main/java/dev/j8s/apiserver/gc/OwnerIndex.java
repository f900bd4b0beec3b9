package dev.j8s.apiserver.gc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which stored objects name which owners (by uid) in their {@code metadata.ownerReferences}, kept
 * current from the store's change stream so dependents are found without scanning.
 */
final class OwnerIndex {

    private final Map<String, Set<String>> dependentsByOwner = new HashMap<>();
    private final Map<String, Set<String>> ownersByKey = new HashMap<>();

    /** Indexes {@code object}'s owners; returns true when it names an owner it did not name before. */
    synchronized boolean put(String key, JsonNode object) {
        Set<String> before = ownersByKey.getOrDefault(key, Set.of());
        remove(key);
        Set<String> owners = new HashSet<>();
        for (JsonNode ref : object.path("metadata").path("ownerReferences")) {
            String uid = ref.path("uid").asText("");
            if (!uid.isEmpty()) {
                owners.add(uid);
                dependentsByOwner.computeIfAbsent(uid, u -> new HashSet<>()).add(key);
            }
        }
        if (!owners.isEmpty()) {
            ownersByKey.put(key, owners);
        }
        return !before.containsAll(owners);
    }

    synchronized void remove(String key) {
        Set<String> owners = ownersByKey.remove(key);
        if (owners == null) {
            return;
        }
        for (String uid : owners) {
            Set<String> keys = dependentsByOwner.get(uid);
            if (keys != null) {
                keys.remove(key);
                if (keys.isEmpty()) {
                    dependentsByOwner.remove(uid);
                }
            }
        }
    }

    synchronized List<String> dependents(String ownerUid) {
        return List.copyOf(dependentsByOwner.getOrDefault(ownerUid, Set.of()));
    }
}
