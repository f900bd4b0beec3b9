package dev.j8s.controllers.replicaset;

import dev.j8s.client.ResourceClient;
import dev.j8s.client.events.EventRecorder;
import dev.j8s.client.informer.Indexer;
import dev.j8s.client.informer.ObjectKeys;
import dev.j8s.controllers.framework.Copies;
import dev.j8s.controllers.framework.Expectations;
import dev.j8s.controllers.framework.OwnedPodDeletion;
import dev.j8s.controllers.framework.OwnerReferences;
import dev.j8s.controllers.framework.PodClaims;
import dev.j8s.controllers.framework.PodReadiness;
import dev.j8s.controllers.framework.Reconciler;
import dev.j8s.controllers.framework.Selectors;
import dev.j8s.controllers.framework.SlowStartBatch;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * One ReplicaSet brought to spec.replicas pods (replica_set.go syncReplicaSet): claim the matching
 * pods, create or delete the difference unless earlier writes are still unobserved, then write the
 * status the pods imply.
 */
final class ReplicaSetReconciler implements Reconciler {

    /** replica_set.go BurstReplicas: at most this many creates or deletes per sync. */
    static final int BURST_REPLICAS = 500;

    private final Indexer<ReplicaSet> replicaSets;
    private final Indexer<Pod> pods;
    private final ResourceClient<ReplicaSet> rsClient;
    private final ResourceClient<Pod> podClient;
    private final Expectations expectations;
    private final EventRecorder recorder;
    private final ExecutorService writers;
    private final Clock clock;
    private final PodClaims claims;

    ReplicaSetReconciler(Indexer<ReplicaSet> replicaSets, Indexer<Pod> pods, ResourceClient<ReplicaSet> rsClient,
                         ResourceClient<Pod> podClient, Expectations expectations, EventRecorder recorder,
                         ExecutorService writers, Clock clock) {
        this.replicaSets = replicaSets;
        this.pods = pods;
        this.rsClient = rsClient;
        this.podClient = podClient;
        this.expectations = expectations;
        this.recorder = recorder;
        this.writers = writers;
        this.clock = clock;
        this.claims = new PodClaims(podClient);
    }

    @Override
    public Result reconcile(String key) throws Exception {
        ReplicaSet rs = replicaSets.get(key);
        if (rs == null) {
            expectations.forget(key);
            return Result.done();
        }
        boolean needsSync = expectations.satisfied(key);
        List<Pod> owned = claimPods(rs);
        int diff = owned.size() - replicas(rs);
        Exception manageError = null;
        if (needsSync && rs.getMetadata().getDeletionTimestamp() == null) {
            manageError = manageReplicas(key, rs, owned, diff);
        }
        ReplicaSetStatus status = ReplicaSetStatusCalculator.calculate(rs, owned, manageError, diff < 0,
                clock.instant());
        status.setObservedGeneration(rs.getMetadata().getGeneration());
        if (!ReplicaSetStatusCalculator.unchanged(rs, status)) {
            ReplicaSet copy = Copies.deepCopy(rs);
            copy.setStatus(status);
            rsClient.updateStatus(copy);
        }
        if (manageError != null) {
            throw manageError;
        }
        int minReady = rs.getSpec().getMinReadySeconds() == null ? 0 : rs.getSpec().getMinReadySeconds();
        // Pods that are ready but not yet available become available with no event to say so.
        if (minReady > 0 && status.getReadyReplicas() == replicas(rs)
                && status.getAvailableReplicas() != replicas(rs)) {
            return Result.requeueAfter(Duration.ofSeconds(minReady));
        }
        return Result.done();
    }

    /** Active pods that this ReplicaSet controls after adopting and releasing. */
    private List<Pod> claimPods(ReplicaSet rs) {
        List<Pod> candidates = PodClaims.candidates(pods, rs);
        candidates.removeIf(pod -> !PodReadiness.isActive(pod));
        return claims.claim(rs, Selectors.of(rs.getSpec().getSelector()), candidates);
    }

    private Exception manageReplicas(String key, ReplicaSet rs, List<Pod> owned, int diff)
            throws InterruptedException {
        if (diff < 0) {
            int count = Math.min(-diff, BURST_REPLICAS);
            expectations.expectCreations(key, count);
            SlowStartBatch.Outcome outcome = SlowStartBatch.run(count, 1, writers, () -> createPod(rs));
            // Creates that failed or were never tried will not be observed: stop waiting for them.
            for (int i = outcome.successes(); i < count; i++) {
                expectations.creationObserved(key);
            }
            return outcome.firstError();
        }
        if (diff > 0) {
            int count = Math.min(diff, BURST_REPLICAS);
            List<Pod> victims = PodDeletionRanking.choose(owned, count);
            expectations.expectDeletions(key, victims.stream().map(ObjectKeys::key).toList());
            return deletePods(key, rs, victims);
        }
        return null;
    }

    private void createPod(ReplicaSet rs) {
        try {
            Pod created = podClient.create(podFromTemplate(rs));
            recorder.event(rs, EventRecorder.NORMAL, "SuccessfulCreate", "Created pod: "
                    + created.getMetadata().getName());
        } catch (RuntimeException e) {
            recorder.event(rs, EventRecorder.WARNING, "FailedCreate", "Error creating: " + e.getMessage());
            throw e;
        }
    }

    private Exception deletePods(String key, ReplicaSet rs, List<Pod> victims) throws InterruptedException {
        List<CompletableFuture<Exception>> deletes = new ArrayList<>();
        for (Pod pod : victims) {
            deletes.add(CompletableFuture.supplyAsync(() -> deletePod(key, rs, pod), writers));
        }
        Exception first = null;
        for (CompletableFuture<Exception> delete : deletes) {
            try {
                Exception e = delete.get();
                first = first == null ? e : first;
            } catch (java.util.concurrent.ExecutionException e) {
                first = first == null ? new IllegalStateException(e.getCause()) : first;
            }
        }
        return first;
    }

    private Exception deletePod(String key, ReplicaSet rs, Pod pod) {
        return OwnedPodDeletion.delete(podClient, expectations, recorder, key, rs, pod);
    }

    /**
     * controller.GetPodFromTemplate: the template's labels, annotations and spec, named "<rs>-" + 5 random.
     * The spec is the cached template's own, not a copy: the pod is only encoded for the create request and
     * never changed, and a deep copy per created pod was a measurable share of a scale-up.
     */
    static Pod podFromTemplate(ReplicaSet rs) {
        PodTemplateSpec template = rs.getSpec().getTemplate();
        ObjectMeta templateMeta = template.getMetadata() == null ? new ObjectMeta() : template.getMetadata();
        ObjectMeta meta = new ObjectMeta();
        meta.setGenerateName(rs.getMetadata().getName() + "-");
        meta.setNamespace(rs.getMetadata().getNamespace());
        meta.setLabels(templateMeta.getLabels() == null ? null : new HashMap<>(templateMeta.getLabels()));
        meta.setAnnotations(templateMeta.getAnnotations() == null ? null : new HashMap<>(templateMeta.getAnnotations()));
        meta.setFinalizers(templateMeta.getFinalizers() == null ? null : List.copyOf(templateMeta.getFinalizers()));
        meta.setOwnerReferences(List.of(OwnerReferences.newControllerRef(rs)));
        Pod pod = new Pod();
        pod.setMetadata(meta);
        pod.setSpec(template.getSpec());
        return pod;
    }

    static int replicas(ReplicaSet rs) {
        return rs.getSpec().getReplicas() == null ? 1 : rs.getSpec().getReplicas();
    }
}
