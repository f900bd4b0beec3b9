package dev.j8s.controllers.disruption;

import dev.j8s.client.informer.Indexer;
import dev.j8s.controllers.framework.OwnerReferences;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.Optional;

/**
 * The scale of a pod's controller, tried the way disruption.go's finders are, in order: a ReplicaSet
 * not run by a Deployment, a Deployment through its ReplicaSet, a ReplicationController, a
 * StatefulSet (all from the informer caches), then any kind through its scale subresource. A
 * reference counts only when the object it names still has the referenced uid.
 */
final class ControllerScales implements ScaleLookup {

    private final Indexer<ReplicaSet> replicaSets;
    private final Indexer<Deployment> deployments;
    private final Indexer<ReplicationController> replicationControllers;
    private final Indexer<StatefulSet> statefulSets;
    private final ScaleLookup anyScale;

    ControllerScales(Indexer<ReplicaSet> replicaSets, Indexer<Deployment> deployments,
                     Indexer<ReplicationController> replicationControllers, Indexer<StatefulSet> statefulSets,
                     ScaleLookup anyScale) {
        this.replicaSets = replicaSets;
        this.deployments = deployments;
        this.replicationControllers = replicationControllers;
        this.statefulSets = statefulSets;
        this.anyScale = anyScale;
    }

    @Override
    public Optional<ControllerScale> find(OwnerReference ref, String namespace) {
        Optional<ControllerScale> found = replicaSet(ref, namespace)
                .or(() -> deploymentOf(ref, namespace))
                .or(() -> replicationController(ref, namespace))
                .or(() -> statefulSet(ref, namespace));
        return found.isPresent() ? found : anyScale.find(ref, namespace);
    }

    private Optional<ControllerScale> replicaSet(OwnerReference ref, String namespace) {
        return lookup(replicaSets, ref, namespace, "apps", "ReplicaSet")
                .filter(rs -> !isDeployment(OwnerReferences.controllerOf(rs)))
                .map(rs -> new ControllerScale(ref.getUid(), replicas(rs.getSpec().getReplicas())));
    }

    private Optional<ControllerScale> deploymentOf(OwnerReference ref, String namespace) {
        return lookup(replicaSets, ref, namespace, "apps", "ReplicaSet")
                .flatMap(OwnerReferences::controllerOf)
                .filter(owner -> isDeployment(Optional.of(owner)))
                .flatMap(owner -> lookup(deployments, owner, namespace, "apps", "Deployment"))
                .map(d -> new ControllerScale(d.getMetadata().getUid(), replicas(d.getSpec().getReplicas())));
    }

    private Optional<ControllerScale> replicationController(OwnerReference ref, String namespace) {
        return lookup(replicationControllers, ref, namespace, "", "ReplicationController")
                .map(rc -> new ControllerScale(ref.getUid(), replicas(rc.getSpec().getReplicas())));
    }

    private Optional<ControllerScale> statefulSet(OwnerReference ref, String namespace) {
        return lookup(statefulSets, ref, namespace, "apps", "StatefulSet")
                .map(sts -> new ControllerScale(ref.getUid(), replicas(sts.getSpec().getReplicas())));
    }

    /** The cached object {@code ref} names, if its group and kind are the expected ones and the uid matches. */
    private static <T extends HasMetadata> Optional<T> lookup(Indexer<T> cache, OwnerReference ref, String namespace,
                                                              String group, String kind) {
        if (!kind.equals(ref.getKind()) || !group.equals(groupOf(ref.getApiVersion()))) {
            return Optional.empty();
        }
        T object = cache.get(namespace, ref.getName());
        if (object == null || !ref.getUid().equals(object.getMetadata().getUid())) {
            return Optional.empty();
        }
        return Optional.of(object);
    }

    private static boolean isDeployment(Optional<OwnerReference> ref) {
        return ref.map(r -> "Deployment".equals(r.getKind()) && "apps".equals(groupOf(r.getApiVersion())))
                .orElse(false);
    }

    private static String groupOf(String apiVersion) {
        if (apiVersion == null) {
            return "";
        }
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    /** The API server defaults spec.replicas to 1. */
    private static int replicas(Integer replicas) {
        return replicas == null ? 1 : replicas;
    }
}
