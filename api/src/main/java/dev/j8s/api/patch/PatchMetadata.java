package dev.j8s.api.patch;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EphemeralContainer;
import io.fabric8.kubernetes.api.model.NamespaceStatus;
import io.fabric8.kubernetes.api.model.NodeSpec;
import io.fabric8.kubernetes.api.model.NodeStatus;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimStatus;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.fabric8.kubernetes.api.model.ServiceStatus;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The patch strategies and merge keys of the built-in Kubernetes types, used by strategic merge
 * patch and published in the OpenAPI schemas ({@code x-kubernetes-patch-strategy},
 * {@code x-kubernetes-patch-merge-key}, {@code x-kubernetes-list-type}, {@code x-kubernetes-list-map-keys}).
 * These are the {@code patchStrategy}/{@code patchMergeKey} struct tags of the Kubernetes API types.
 */
public final class PatchMetadata {

    private static final Map<String, ListPatchInfo> TABLE = new HashMap<>();

    static {
        merge(ObjectMeta.class, "finalizers", null, "set");
        merge(ObjectMeta.class, "ownerReferences", "uid", "map");
        merge(PodSpec.class, "containers", "name", "map");
        merge(PodSpec.class, "initContainers", "name", "map");
        merge(PodSpec.class, "ephemeralContainers", "name", "map");
        merge(PodSpec.class, "imagePullSecrets", "name", "map");
        merge(PodSpec.class, "hostAliases", "ip", "map");
        merge(PodSpec.class, "topologySpreadConstraints", "topologyKey", "map");
        merge(PodSpec.class, "schedulingGates", "name", "map");
        put(PodSpec.class, "volumes", new ListPatchInfo("merge,retainKeys", "name", "map", List.of("name")));
        put(PodSpec.class, "resourceClaims", new ListPatchInfo("merge,retainKeys", "name", "map", List.of("name")));
        for (Class<?> c : List.of(Container.class, EphemeralContainer.class)) {
            put(c, "ports", new ListPatchInfo("merge", "containerPort", "map", List.of("containerPort", "protocol")));
            merge(c, "env", "name", "map");
            merge(c, "volumeMounts", "mountPath", "map");
            merge(c, "volumeDevices", "devicePath", "map");
        }
        put(ServiceSpec.class, "ports", new ListPatchInfo("merge", "port", "map", List.of("port", "protocol")));
        merge(PodStatus.class, "conditions", "type", "map");
        merge(PodStatus.class, "podIPs", "ip", "map");
        merge(NodeStatus.class, "conditions", "type", "map");
        merge(NodeStatus.class, "addresses", "type", "map");
        merge(NodeSpec.class, "podCIDRs", null, "set");
        merge(NamespaceStatus.class, "conditions", "type", "map");
        merge(PersistentVolumeClaimStatus.class, "conditions", "type", "map");
        put(ServiceStatus.class, "conditions", new ListPatchInfo(null, null, "map", List.of("type")));
        merge(DeploymentStatus.class, "conditions", "type", "map");
        merge(ReplicaSetStatus.class, "conditions", "type", "map");
        merge(StatefulSetStatus.class, "conditions", "type", "map");
        merge(DaemonSetStatus.class, "conditions", "type", "map");
        put(DeploymentSpec.class, "strategy", new ListPatchInfo("retainKeys", null, null, List.of()));
    }

    private PatchMetadata() {}

    /**
     * @param owner     the fabric8 model class declaring the field (e.g. {@code PodSpec.class})
     * @param jsonField the field's JSON name (e.g. "containers")
     */
    public static Optional<ListPatchInfo> lookup(Class<?> owner, String jsonField) {
        if (owner == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(TABLE.get(owner.getName() + "#" + jsonField));
    }

    private static void merge(Class<?> owner, String field, String mergeKey, String listType) {
        put(owner, field, new ListPatchInfo("merge", mergeKey, listType,
                mergeKey == null ? List.of() : List.of(mergeKey)));
    }

    private static void put(Class<?> owner, String field, ListPatchInfo info) {
        TABLE.put(owner.getName() + "#" + field, info);
    }
}
