package dev.j8s.controllers.deployment;

import dev.j8s.api.selector.LabelSelector;
import dev.j8s.client.ApiStatusException;
import dev.j8s.client.ResourceClient;
import dev.j8s.client.events.EventRecorder;
import dev.j8s.client.informer.Indexer;
import dev.j8s.client.informer.Indexes;
import dev.j8s.controllers.framework.ControllerRefClaim;
import dev.j8s.controllers.framework.Copies;
import dev.j8s.controllers.framework.OwnerReferences;
import dev.j8s.controllers.framework.Reconciler;
import dev.j8s.controllers.framework.Selectors;
import dev.j8s.controllers.framework.Timestamps;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Entry point of one Deployment's sync: read it from the cache, claim its ReplicaSets by
 * selector and owner reference, and hand over to a {@link DeploymentSync} pass.
 */
final class DeploymentReconciler implements Reconciler {

    private static final Comparator<ReplicaSet> OLDEST_FIRST = Comparator
            .comparing((ReplicaSet rs) -> Timestamps.parse(rs.getMetadata().getCreationTimestamp()),
                    Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(rs -> rs.getMetadata().getName());

    private final Indexer<Deployment> deployments;
    private final Indexer<ReplicaSet> replicaSets;
    private final Indexer<Pod> pods;
    private final ResourceClient<Deployment> deploymentClient;
    private final ReplicaSetWriter rsWriter;
    private final EventRecorder recorder;
    private final Clock clock;

    DeploymentReconciler(Indexer<Deployment> deployments, Indexer<ReplicaSet> replicaSets, Indexer<Pod> pods,
                         ResourceClient<Deployment> deploymentClient, ResourceClient<ReplicaSet> rsClient,
                         EventRecorder recorder, Clock clock) {
        this.deployments = deployments;
        this.replicaSets = replicaSets;
        this.pods = pods;
        this.deploymentClient = deploymentClient;
        this.rsWriter = new ReplicaSetWriter(rsClient, recorder);
        this.recorder = recorder;
        this.clock = clock;
    }

    @Override
    public Result reconcile(String key) {
        Deployment cached = deployments.get(key);
        if (cached == null) {
            return Result.done();
        }
        Deployment d = Copies.deepCopy(cached);
        LabelSelector selector = Selectors.of(d.getSpec().getSelector());
        if (selector.isEmpty()) {
            // An empty selector would adopt every ReplicaSet in the namespace: refuse to act.
            recorder.event(d, EventRecorder.WARNING, "SelectingAll",
                    "This deployment is selecting all pods. A non-empty selector is required.");
            return Result.done();
        }
        List<ReplicaSet> owned = claimReplicaSets(d, selector);
        Instant now = clock.instant();
        return new DeploymentSync(d, owned, deploymentClient, rsWriter, this::podsRunning, recorder, now).run();
    }

    private List<ReplicaSet> claimReplicaSets(Deployment d, LabelSelector selector) {
        List<ReplicaSet> owned = new ArrayList<>();
        for (ReplicaSet rs : replicaSets.byIndex(Indexes.NAMESPACE, d.getMetadata().getNamespace())) {
            switch (ControllerRefClaim.decide(d, selector, rs)) {
                case OWNED -> owned.add(rs);
                case ADOPT -> {
                    ReplicaSet copy = Copies.deepCopy(rs);
                    copy.getMetadata().setOwnerReferences(OwnerReferences.withControllerRef(
                            copy.getMetadata().getOwnerReferences(), d));
                    owned.add(write(copy, rs));
                }
                case RELEASE -> {
                    ReplicaSet copy = Copies.deepCopy(rs);
                    copy.getMetadata().setOwnerReferences(OwnerReferences.withoutOwner(
                            copy.getMetadata().getOwnerReferences(), d.getMetadata().getUid()));
                    write(copy, rs);
                }
                case IGNORE -> { }
            }
        }
        owned.removeIf(java.util.Objects::isNull);
        owned.sort(OLDEST_FIRST);
        return owned;
    }

    private ReplicaSet write(ReplicaSet copy, ReplicaSet original) {
        try {
            return rsWriter.update(copy);
        } catch (ApiStatusException e) {
            if (e.isNotFound()) {
                return null;
            }
            throw e;
        }
    }

    /** Recreate's oldPodsRunning: a ReplicaSet still reports pods, or a pod it owns has not ended. */
    private boolean podsRunning(List<ReplicaSet> olds) {
        for (ReplicaSet rs : olds) {
            if (DeploymentSpecs.statusReplicas(rs) > 0) {
                return true;
            }
            for (Pod pod : pods.byIndex(Indexes.OWNER_UID, rs.getMetadata().getUid())) {
                String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
                if (!"Failed".equals(phase) && !"Succeeded".equals(phase)) {
                    return true;
                }
            }
        }
        return false;
    }
}
