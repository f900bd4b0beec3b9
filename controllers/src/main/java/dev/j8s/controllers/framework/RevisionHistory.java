package dev.j8s.controllers.framework;

import dev.j8s.client.ApiStatusException;
import dev.j8s.client.ResourceClient;
import dev.j8s.client.informer.Indexer;
import dev.j8s.client.informer.Indexes;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Keeps an owner's ControllerRevisions (the DaemonSet constructHistory and StatefulSet
 * getStatefulSetRevisions): the revision of the current template exists and carries the highest
 * number (re-numbered when an old template comes back, as `rollout undo` expects); a hash
 * collision with a different template moves on to the next collisionCount.
 */
public final class RevisionHistory {

    /** The owner's revisions after the sync, the one of its template, and the collisionCount used. */
    public record Snapshot(List<ControllerRevision> revisions, ControllerRevision current, int collisionCount) {}

    private final Indexer<ControllerRevision> cache;
    private final ResourceClient<ControllerRevision> client;

    public RevisionHistory(Indexer<ControllerRevision> cache, ResourceClient<ControllerRevision> client) {
        this.cache = cache;
        this.client = client;
    }

    /** The revisions the owner controls (adoption of orphaned revisions is not done). */
    public List<ControllerRevision> owned(HasMetadata owner) {
        List<ControllerRevision> out = new ArrayList<>();
        for (ControllerRevision r : cache.byIndex(Indexes.OWNER_UID, owner.getMetadata().getUid())) {
            if (OwnerReferences.isControlledBy(r, owner)) {
                out.add(r);
            }
        }
        return out;
    }

    public Snapshot sync(HasMetadata owner, PodTemplateSpec template, Integer collisionCount) {
        List<ControllerRevision> revisions = new ArrayList<>(owned(owner));
        long max = ControllerRevisions.maxNumber(revisions);
        ControllerRevision equal = ControllerRevisions.findEqual(revisions, template).orElse(null);
        if (equal != null) {
            if (ControllerRevisions.number(equal) < max) {
                ControllerRevision copy = Copies.deepCopy(equal);
                copy.setRevision(max + 1);
                ControllerRevision renumbered = client.update(copy);
                revisions.replaceAll(r -> r.getMetadata().getName().equals(renumbered.getMetadata().getName())
                        ? renumbered : r);
                equal = renumbered;
            }
            return new Snapshot(revisions, equal, collisionCount == null ? 0 : collisionCount);
        }
        int collisions = collisionCount == null ? 0 : collisionCount;
        while (true) {
            String hash = PodTemplateHash.compute(template, collisions == 0 ? null : collisions);
            ControllerRevision wanted = ControllerRevisions.build(owner, template.getMetadata() == null ? null
                    : template.getMetadata().getLabels(), template, hash, max + 1);
            try {
                ControllerRevision created = client.create(wanted);
                revisions.add(created);
                return new Snapshot(revisions, created, collisions);
            } catch (ApiStatusException e) {
                if (!e.isAlreadyExists()) {
                    throw e;
                }
                ControllerRevision existing = client.get(owner.getMetadata().getNamespace(),
                        wanted.getMetadata().getName());
                if (OwnerReferences.isControlledBy(existing, owner)
                        && PodTemplateHash.equalIgnoringHash(ControllerRevisions.template(existing), template)) {
                    // Ours, created by a sync whose write the cache has not shown yet.
                    revisions.removeIf(r -> r.getMetadata().getName().equals(existing.getMetadata().getName()));
                    revisions.add(existing);
                    return new Snapshot(revisions, existing, collisions);
                }
                collisions++;
            }
        }
    }

    /** Deletes unused revisions beyond {@code limit} (revisionHistoryLimit). */
    public void truncate(List<ControllerRevision> revisions, Set<String> liveHashes, int limit) {
        for (ControllerRevision r : ControllerRevisions.beyondLimit(revisions, liveHashes, limit)) {
            try {
                client.delete(r.getMetadata().getNamespace(), r.getMetadata().getName(), null);
            } catch (ApiStatusException e) {
                if (!e.isNotFound()) {
                    throw e;
                }
            }
        }
    }
}
