package dev.j8s.controllers.framework;

import dev.j8s.client.ApiStatusException;
import dev.j8s.client.ResourceClient;
import dev.j8s.client.events.EventRecorder;
import dev.j8s.client.informer.ObjectKeys;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;

/**
 * Deleting one pod a controller owns, as the ReplicaSet and DaemonSet controllers do: an event on the
 * owner either way, and a pod that is already gone counts as deleted (its delete event arrives or already
 * did), so the owner's expectations do not wait for it.
 */
public final class OwnedPodDeletion {

    private OwnedPodDeletion() {}

    /** Returns null on success (or when the pod was already gone), else the failure. */
    public static Exception delete(ResourceClient<Pod> pods, Expectations expectations, EventRecorder recorder,
                                   String ownerKey, HasMetadata owner, Pod pod) {
        try {
            pods.delete(pod.getMetadata().getNamespace(), pod.getMetadata().getName(), null);
            recorder.event(owner, EventRecorder.NORMAL, "SuccessfulDelete", "Deleted pod: "
                    + pod.getMetadata().getName());
            return null;
        } catch (RuntimeException e) {
            expectations.deletionObserved(ownerKey, ObjectKeys.key(pod));
            if (e instanceof ApiStatusException status && status.isNotFound()) {
                return null;
            }
            recorder.event(owner, EventRecorder.WARNING, "FailedDelete", "Error deleting: " + e.getMessage());
            return e;
        }
    }
}
