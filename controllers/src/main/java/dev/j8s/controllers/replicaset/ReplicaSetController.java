package dev.j8s.controllers.replicaset;

import dev.j8s.api.selector.LabelSelector;
import dev.j8s.client.KubeClient;
import dev.j8s.client.events.EventRecorder;
import dev.j8s.client.informer.Indexes;
import dev.j8s.client.informer.ObjectKeys;
import dev.j8s.client.informer.ResourceEventHandler;
import dev.j8s.client.informer.SharedIndexInformer;
import dev.j8s.client.informer.SharedInformerFactory;
import dev.j8s.controllers.framework.ControllerRunner;
import dev.j8s.controllers.framework.Expectations;
import dev.j8s.controllers.framework.InformerIndexes;
import dev.j8s.controllers.framework.OwnerReferences;
import dev.j8s.controllers.framework.PodReadiness;
import dev.j8s.controllers.framework.Selectors;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The ReplicaSet controller: keeps spec.replicas pods running for every ReplicaSet. Informer
 * handlers only enqueue ReplicaSet keys and account for observed creates and deletes in the
 * {@link Expectations}; the {@link ReplicaSetReconciler} does the rest.
 */
public final class ReplicaSetController implements AutoCloseable {

    public static final String NAME = "replicaset-controller";

    private final SharedIndexInformer<ReplicaSet> replicaSets;
    private final Expectations expectations;
    private final ControllerRunner runner;
    private final ExecutorService writers;

    public ReplicaSetController(KubeClient client, SharedInformerFactory informers, EventRecorder recorder,
                                Clock clock, int workers) {
        this.replicaSets = informers.informerFor(ReplicaSet.class);
        SharedIndexInformer<Pod> pods = informers.informerFor(Pod.class);
        InformerIndexes.ensure(pods, Indexes.NAMESPACE, Indexes.byNamespace());
        this.expectations = new Expectations(clock);
        // Creates and deletes of one sync go out in parallel (slow-start batches), as goroutines do in Kubernetes.
        this.writers = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("j8s-replicaset-write-", 0)
                .factory());
        ReplicaSetReconciler reconciler = new ReplicaSetReconciler(replicaSets.indexer(), pods.indexer(),
                client.resources(ReplicaSet.class), client.resources(Pod.class), expectations, recorder, writers,
                clock);
        this.runner = new ControllerRunner(NAME, reconciler, workers);
        replicaSets.addEventHandler(new ReplicaSetHandler());
        pods.addEventHandler(new PodHandler());
    }

    /** Starts the workers; the informers are started by whoever owns the factory. */
    public void start() {
        runner.start();
    }

    @Override
    public void close() {
        runner.close();
        writers.shutdownNow();
    }

    private final class ReplicaSetHandler implements ResourceEventHandler<ReplicaSet> {
        @Override
        public void onAdd(ReplicaSet rs) {
            runner.enqueue(ObjectKeys.key(rs));
        }

        @Override
        public void onUpdate(ReplicaSet oldRs, ReplicaSet newRs) {
            runner.enqueue(ObjectKeys.key(newRs));
        }

        @Override
        public void onDelete(ReplicaSet rs) {
            expectations.forget(ObjectKeys.key(rs));
            runner.enqueue(ObjectKeys.key(rs));
        }
    }

    /** replica_set.go addPod / updatePod / deletePod. */
    private final class PodHandler implements ResourceEventHandler<Pod> {
        @Override
        public void onAdd(Pod pod) {
            if (pod.getMetadata().getDeletionTimestamp() != null) {
                // Seen for the first time already terminating (after a relist): a delete for expectations.
                onDelete(pod);
                return;
            }
            Optional<String> owner = owningReplicaSetKey(pod);
            if (owner.isPresent()) {
                expectations.creationObserved(owner.get());
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
                // Graceful deletion started: the pod no longer counts, as if deleted.
                onDelete(newPod);
            }
            Optional<String> oldOwner = owningReplicaSetKey(oldPod);
            Optional<String> newOwner = owningReplicaSetKey(newPod);
            if (oldOwner.isPresent() && !oldOwner.equals(newOwner)) {
                runner.enqueue(oldOwner.get());
            }
            if (newOwner.isPresent()) {
                runner.enqueue(newOwner.get());
                int minReady = minReadySeconds(newOwner.get());
                if (minReady > 0 && !PodReadiness.isReady(oldPod) && PodReadiness.isReady(newPod)) {
                    runner.enqueueAfter(newOwner.get(), Duration.ofSeconds(minReady));
                }
            } else if (!Objects.equals(oldPod.getMetadata().getLabels(), newPod.getMetadata().getLabels())
                    || oldOwner.isPresent()) {
                enqueueSelecting(newPod);
            }
        }

        @Override
        public void onDelete(Pod pod) {
            owningReplicaSetKey(pod).ifPresent(key -> {
                expectations.deletionObserved(key, ObjectKeys.key(pod));
                runner.enqueue(key);
            });
        }
    }

    /** The key of the ReplicaSet that controls the pod, if that ReplicaSet is cached with the same uid. */
    private Optional<String> owningReplicaSetKey(Pod pod) {
        Optional<OwnerReference> ref = OwnerReferences.controllerOf(pod);
        if (ref.isEmpty() || !"ReplicaSet".equals(ref.get().getKind())) {
            return Optional.empty();
        }
        String key = ObjectKeys.key(pod.getMetadata().getNamespace(), ref.get().getName());
        ReplicaSet rs = replicaSets.indexer().get(key);
        return rs != null && rs.getMetadata().getUid().equals(ref.get().getUid()) ? Optional.of(key) : Optional.empty();
    }

    /** Orphans wake every ReplicaSet whose selector matches, so one of them adopts it. */
    private void enqueueSelecting(Pod pod) {
        Map<String, String> labels = pod.getMetadata().getLabels() == null ? Map.of() : pod.getMetadata().getLabels();
        for (ReplicaSet rs : replicaSets.indexer().list()) {
            if (!Objects.equals(rs.getMetadata().getNamespace(), pod.getMetadata().getNamespace())) {
                continue;
            }
            LabelSelector selector = Selectors.of(rs.getSpec().getSelector());
            if (selector.matches(labels)) {
                runner.enqueue(ObjectKeys.key(rs));
            }
        }
    }

    private int minReadySeconds(String rsKey) {
        ReplicaSet rs = replicaSets.indexer().get(rsKey);
        return rs == null || rs.getSpec().getMinReadySeconds() == null ? 0 : rs.getSpec().getMinReadySeconds();
    }
}
