package dev.j8s.apiserver.admission;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * PersistentVolumeClaims (pkg/quota/v1/evaluator/core/persistent_volume_claims.go): a count, the
 * requested storage (the larger of request and allocated size), and both again per storage class
 * as {@code <class>.storageclass.storage.k8s.io/requests.storage|persistentvolumeclaims}.
 */
public final class ClaimUsage implements UsageEvaluator {

    static final String CLASS_SUFFIX = ".storageclass.storage.k8s.io/";
    private static final Set<String> RESOURCES = Set.of("count/persistentvolumeclaims", "persistentvolumeclaims",
            "requests.storage");

    @Override
    public String groupResource() {
        return "persistentvolumeclaims";
    }

    @Override
    public Set<String> matchingResources(Collection<String> names) {
        Set<String> out = new TreeSet<>();
        for (String name : names) {
            if (RESOURCES.contains(name) || name.endsWith(CLASS_SUFFIX + "requests.storage")
                    || name.endsWith(CLASS_SUFFIX + "persistentvolumeclaims")) {
                out.add(name);
            }
        }
        return out;
    }

    @Override
    public ResourceList usage(JsonNode claim, Instant now) {
        ResourceList usage = ResourceList.EMPTY
                .with("count/persistentvolumeclaims", Amount.of(1))
                .with("persistentvolumeclaims", Amount.of(1));
        Amount storage = ResourceList.fromJson(claim.path("spec").path("resources").path("requests")).get("storage");
        Amount allocated = ResourceList.fromJson(claim.path("status").path("allocatedResources")).get("storage");
        if (storage == null || (allocated != null && allocated.compareTo(storage) > 0)) {
            storage = allocated;
        }
        boolean hasStorage = storage != null && !storage.isZero();
        if (hasStorage) {
            usage = usage.with("requests.storage", storage);
        }
        String storageClass = storageClass(claim);
        if (!storageClass.isEmpty()) {
            usage = usage.with(storageClass + CLASS_SUFFIX + "persistentvolumeclaims", Amount.of(1));
            if (hasStorage) {
                usage = usage.with(storageClass + CLASS_SUFFIX + "requests.storage", storage);
            }
        }
        return usage;
    }

    /** GetPersistentVolumeClaimClass: the beta annotation wins over spec.storageClassName. */
    private static String storageClass(JsonNode claim) {
        JsonNode annotation = claim.path("metadata").path("annotations").get("volume.beta.kubernetes.io/storage-class");
        if (annotation != null) {
            return annotation.asText();
        }
        return claim.path("spec").path("storageClassName").asText("");
    }
}
