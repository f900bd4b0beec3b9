package dev.j8s.controllers.framework;

import dev.j8s.api.selector.LabelSelector;
import dev.j8s.client.ApiStatusException;
import dev.j8s.client.ResourceClient;
import dev.j8s.client.informer.Indexer;
import dev.j8s.client.informer.Indexes;
import dev.j8s.client.informer.SharedIndexInformer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.List;

/**
 * ControllerRefManager.ClaimPods for controllers that own pods directly: the pods of
 * {@code candidates} that {@code owner} controls once matching orphans are adopted and pods it no
 * longer selects are released. A pod changed or gone meanwhile is left to the next sync.
 */
public final class PodClaims {

    private final ResourceClient<Pod> pods;

    public PodClaims(ResourceClient<Pod> pods) {
        this.pods = pods;
    }

    /**
     * The pods an owner may claim: those it controls and the orphans of its namespace, from an informer
     * cache that has the {@link Indexes#CLAIM_CANDIDATES} index (see {@link #indexCandidates}).
     */
    public static List<Pod> candidates(Indexer<Pod> cache, HasMetadata owner) {
        List<Pod> out = new ArrayList<>(cache.byIndex(Indexes.CLAIM_CANDIDATES, owner.getMetadata().getUid()));
        out.removeIf(p -> !owner.getMetadata().getNamespace().equals(p.getMetadata().getNamespace()));
        out.addAll(cache.byIndex(Indexes.CLAIM_CANDIDATES, Indexes.orphansIn(owner.getMetadata().getNamespace())));
        return out;
    }

    /** Adds the index {@link #candidates} reads to a shared pod informer. */
    public static void indexCandidates(SharedIndexInformer<Pod> pods) {
        InformerIndexes.ensure(pods, Indexes.CLAIM_CANDIDATES, Indexes.byControllerUidOrOrphan());
    }

    /** Claims from {@link #candidates}: what {@code owner} controls after adopting and releasing. */
    public List<Pod> claim(HasMetadata owner, LabelSelector selector, Indexer<Pod> cache) {
        return claim(owner, selector, candidates(cache, owner));
    }

    public List<Pod> claim(HasMetadata owner, LabelSelector selector, List<Pod> candidates) {
        List<Pod> owned = new ArrayList<>();
        for (Pod pod : candidates) {
            switch (ControllerRefClaim.decide(owner, selector, pod)) {
                case OWNED -> owned.add(pod);
                case ADOPT -> {
                    Pod copy = Copies.deepCopy(pod);
                    copy.getMetadata().setOwnerReferences(OwnerReferences.withControllerRef(
                            copy.getMetadata().getOwnerReferences(), owner));
                    write(copy, owned);
                }
                case RELEASE -> {
                    Pod copy = Copies.deepCopy(pod);
                    copy.getMetadata().setOwnerReferences(OwnerReferences.withoutOwner(
                            copy.getMetadata().getOwnerReferences(), owner.getMetadata().getUid()));
                    write(copy, null);
                }
                case IGNORE -> { }
            }
        }
        return owned;
    }

    private void write(Pod copy, List<Pod> ownedOut) {
        try {
            Pod updated = pods.update(copy);
            if (ownedOut != null) {
                ownedOut.add(updated);
            }
        } catch (ApiStatusException e) {
            if (!e.isNotFound() && !e.isConflict()) {
                throw e;
            }
        }
    }
}
