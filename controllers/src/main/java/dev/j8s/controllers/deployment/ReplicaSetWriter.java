package dev.j8s.controllers.deployment;

import dev.j8s.client.ApiStatusException;
import dev.j8s.client.ResourceClient;
import dev.j8s.client.events.EventRecorder;
import dev.j8s.controllers.framework.Copies;
import io.fabric8.kubernetes.api.model.DeleteOptions;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.HashMap;

/**
 * The Deployment controller's writes to ReplicaSets. Every write carries the cached
 * resourceVersion, so a decision made on a stale cache fails with 409 and is retried.
 */
final class ReplicaSetWriter {

    private final ResourceClient<ReplicaSet> replicaSets;
    private final EventRecorder recorder;

    ReplicaSetWriter(ResourceClient<ReplicaSet> replicaSets, EventRecorder recorder) {
        this.replicaSets = replicaSets;
        this.recorder = recorder;
    }

    /**
     * sync.go scaleReplicaSet: sets spec.replicas and the desired/max-replicas annotations; returns
     * the ReplicaSet as stored (the same object when nothing needed writing).
     */
    ReplicaSet scale(ReplicaSet rs, int size, Deployment d) {
        int desired = DeploymentSpecs.replicas(d);
        ReplicaSet copy = Copies.deepCopy(rs);
        HashMap<String, String> annotations = new HashMap<>(copy.getMetadata().getAnnotations() == null
                ? java.util.Map.of() : copy.getMetadata().getAnnotations());
        boolean annotationsChanged = RevisionAnnotations.setReplicas(annotations, desired,
                desired + RollingUpdateLimits.of(d).maxSurge());
        int from = DeploymentSpecs.replicas(rs);
        if (from == size && !annotationsChanged) {
            return rs;
        }
        copy.getMetadata().setAnnotations(annotations);
        copy.getSpec().setReplicas(size);
        ReplicaSet updated = replicaSets.update(copy);
        if (from != size) {
            recorder.eventf(d, EventRecorder.NORMAL, "ScalingReplicaSet", "Scaled %s replica set %s from %d to %d",
                    size > from ? "up" : "down", rs.getMetadata().getName(), from, size);
        }
        return updated;
    }

    ReplicaSet update(ReplicaSet rs) {
        return replicaSets.update(rs);
    }

    ReplicaSet create(ReplicaSet rs) {
        return replicaSets.create(rs);
    }

    ReplicaSet get(String namespace, String name) {
        return replicaSets.get(namespace, name);
    }

    /** Deletes an old ReplicaSet (history cleanup); one already gone is fine. */
    void delete(ReplicaSet rs) {
        try {
            DeleteOptions options = new DeleteOptions();
            options.setPropagationPolicy("Background");
            replicaSets.delete(rs.getMetadata().getNamespace(), rs.getMetadata().getName(), options);
        } catch (ApiStatusException e) {
            if (!e.isNotFound()) {
                throw e;
            }
        }
    }
}
