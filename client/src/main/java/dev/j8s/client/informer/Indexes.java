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

    /** Pods by the node they are bound to; unscheduled pods are not indexed. */
    public static IndexFunction<Pod> podsByNodeName() {
        return p -> p.getSpec() == null || p.getSpec().getNodeName() == null || p.getSpec().getNodeName().isEmpty()
                ? List.of() : List.of(p.getSpec().getNodeName());
    }
}
