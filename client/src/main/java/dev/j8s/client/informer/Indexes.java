package dev.j8s.client.informer;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.List;

/** Index functions that many components share. */
public final class Indexes {

    public static final String NAMESPACE = "namespace";
    public static final String OWNER_UID = "ownerUid";
    public static final String NODE_NAME = "spec.nodeName";
    public static final String CLAIM_CANDIDATES = "claimCandidates";

    private Indexes() {}

    public static <T extends HasMetadata> IndexFunction<T> byNamespace() {
        return o -> o.getMetadata().getNamespace() == null ? List.of() : List.of(o.getMetadata().getNamespace());
    }

    /** Objects by the uid of each owner reference (what a controller uses to find what it owns). */
    public static <T extends HasMetadata> IndexFunction<T> byOwnerUid() {
        return o -> {
            List<OwnerReference> owners = o.getMetadata().getOwnerReferences();
            if (owners == null || owners.isEmpty()) {
                return List.of();
            }
            List<String> uids = new ArrayList<>(owners.size());
            for (OwnerReference owner : owners) {
                uids.add(owner.getUid());
            }
            return uids;
        };
    }

    /**
     * What a controller may claim, without scanning its whole namespace: objects filed under their
     * controller's uid, and objects without a controller under {@link #orphansIn(String)}. Objects
     * controlled by someone else are never claimed, so these two keys are all a claim needs.
     */
    public static <T extends HasMetadata> IndexFunction<T> byControllerUidOrOrphan() {
        return o -> {
            List<OwnerReference> owners = o.getMetadata().getOwnerReferences();
            if (owners != null) {
                for (OwnerReference owner : owners) {
                    if (Boolean.TRUE.equals(owner.getController())) {
                        return List.of(owner.getUid());
                    }
                }
            }
            return o.getMetadata().getNamespace() == null ? List.of() : List.of(orphansIn(o.getMetadata().getNamespace()));
        };
    }

    /** The {@link #CLAIM_CANDIDATES} key of a namespace's objects that have no controller (uids never contain '/'). */
    public static String orphansIn(String namespace) {
        return "orphans/" + namespace;
    }

    /** Pods by the node they are bound to; unscheduled pods are not indexed. */
    public static IndexFunction<Pod> podsByNodeName() {
        return p -> p.getSpec() == null || p.getSpec().getNodeName() == null || p.getSpec().getNodeName().isEmpty()
                ? List.of() : List.of(p.getSpec().getNodeName());
    }
}
