package dev.j8s.controllers.framework;

import dev.j8s.client.informer.Indexer;
import dev.j8s.client.informer.ObjectKeys;
import dev.j8s.client.informer.ResourceEventHandler;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Pod events for a controller whose objects own pods directly (the addPod / updatePod / deletePod
 * handlers of the ReplicaSet, DaemonSet and StatefulSet controllers): a pod wakes the owner its controller
 * reference names, counting the event in the owner's {@link Expectations}; an orphan wakes every
 * owner whose selector matches it, so one of them adopts it.
 *
 * @param <O> the owner kind
 */
public final class OwnedPodEvents<O extends HasMetadata> implements ResourceEventHandler<Pod> {

    private final String ownerKind;
    private final Indexer<O> owners;
    private final Function<O, LabelSelector> selector;
    private final Expectations expectations;
    private final ControllerRunner runner;

    /** {@code expectations} may be null for a controller that keeps none. */
    public OwnedPodEvents(String ownerKind, Indexer<O> owners, Function<O, LabelSelector> selector,
                          Expectations expectations, ControllerRunner runner) {
        this.ownerKind = ownerKind;
        this.owners = owners;
        this.selector = selector;
        this.expectations = expectations;
        this.runner = runner;
    }

    @Override
    public void onAdd(Pod pod) {
        if (pod.getMetadata().getDeletionTimestamp() != null) {
            onDelete(pod);
            return;
        }
        Optional<String> owner = ownerKey(pod);
        if (owner.isPresent()) {
            if (expectations != null) {
                expectations.creationObserved(owner.get());
            }
            runner.enqueue(owner.get());
        } else {
            enqueueSelecting(pod);
        }
    }

    @Override
    public void onUpdate(Pod oldPod, Pod newPod) {
        if (Objects.equals(oldPod.getMetadata().getResourceVersion(), newPod.getMetadata().getResourceVersion())) {
            return;
        }
        if (newPod.getMetadata().getDeletionTimestamp() != null && oldPod.getMetadata().getDeletionTimestamp() == null) {
            onDelete(newPod);
        }
        Optional<String> oldOwner = ownerKey(oldPod);
        Optional<String> newOwner = ownerKey(newPod);
        if (oldOwner.isPresent() && !oldOwner.equals(newOwner)) {
            runner.enqueue(oldOwner.get());
        }
        if (newOwner.isPresent()) {
            runner.enqueue(newOwner.get());
        } else if (!Objects.equals(oldPod.getMetadata().getLabels(), newPod.getMetadata().getLabels())
                || oldOwner.isPresent()) {
            enqueueSelecting(newPod);
        }
    }

    @Override
    public void onDelete(Pod pod) {
        ownerKey(pod).ifPresent(key -> {
            if (expectations != null) {
                expectations.deletionObserved(key, ObjectKeys.key(pod));
            }
            runner.enqueue(key);
        });
    }

    /** The key of the cached owner (same uid) that the pod's controller reference names. */
    public Optional<String> ownerKey(Pod pod) {
        Optional<OwnerReference> ref = OwnerReferences.controllerOf(pod);
        if (ref.isEmpty() || !ownerKind.equals(ref.get().getKind())) {
            return Optional.empty();
        }
        String key = ObjectKeys.key(pod.getMetadata().getNamespace(), ref.get().getName());
        O owner = owners.get(key);
        return owner != null && owner.getMetadata().getUid().equals(ref.get().getUid()) ? Optional.of(key)
                : Optional.empty();
    }

    private void enqueueSelecting(Pod pod) {
        Map<String, String> labels = pod.getMetadata().getLabels() == null ? Map.of() : pod.getMetadata().getLabels();
        for (O owner : owners.list()) {
            if (Objects.equals(owner.getMetadata().getNamespace(), pod.getMetadata().getNamespace())
                    && Selectors.of(selector.apply(owner)).matches(labels)) {
                runner.enqueue(ObjectKeys.key(owner));
            }
        }
    }
}
