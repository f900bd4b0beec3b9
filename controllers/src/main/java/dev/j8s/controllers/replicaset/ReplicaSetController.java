package dev.j8s.controllers.replicaset;

import dev.j8s.client.KubeClient;
import dev.j8s.client.events.EventRecorder;
import dev.j8s.client.informer.ObjectKeys;
import dev.j8s.client.informer.ResourceEventHandler;
import dev.j8s.client.informer.SharedIndexInformer;
import dev.j8s.client.informer.SharedInformerFactory;
import dev.j8s.controllers.framework.ControllerRunner;
import dev.j8s.controllers.framework.Expectations;
import dev.j8s.controllers.framework.PodClaims;
import dev.j8s.controllers.framework.OwnedPodEvents;
import dev.j8s.controllers.framework.PodReadiness;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.time.Clock;
import java.time.Duration;
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
        PodClaims.indexCandidates(pods);
        this.expectations = new Expectations(clock);
        // Creates and deletes of one sync go out in parallel (slow-start batches), as goroutines do in Kubernetes.
        this.writers = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("j8s-replicaset-write-", 0)
                .factory());
        ReplicaSetReconciler reconciler = new ReplicaSetReconciler(replicaSets.indexer(), pods.indexer(),
                client.resources(ReplicaSet.class), client.resources(Pod.class), expectations, recorder, writers,
                clock);
        this.runner = new ControllerRunner(NAME, reconciler, workers);
        replicaSets.addEventHandler(new ReplicaSetHandler());
        OwnedPodEvents<ReplicaSet> podEvents = new OwnedPodEvents<>("ReplicaSet", replicaSets.indexer(),
                rs -> rs.getSpec().getSelector(), expectations, runner);
        pods.addEventHandler(podEvents);
        pods.addEventHandler(availabilityRecheck(podEvents));
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

    /**
     * replica_set.go updatePod's extra step: a pod that just became Ready wakes its ReplicaSet again
     * once minReadySeconds have passed, when it starts to count as available.
     */
    private ResourceEventHandler<Pod> availabilityRecheck(OwnedPodEvents<ReplicaSet> podEvents) {
        return new ResourceEventHandler<>() {
            @Override
            public void onUpdate(Pod oldPod, Pod newPod) {
                podEvents.ownerKey(newPod).ifPresent(key -> {
                    int minReady = minReadySeconds(key);
                    if (minReady > 0 && !PodReadiness.isReady(oldPod) && PodReadiness.isReady(newPod)) {
                        runner.enqueueAfter(key, Duration.ofSeconds(minReady));
                    }
                });
            }
        };
    }

    private int minReadySeconds(String rsKey) {
        ReplicaSet rs = replicaSets.indexer().get(rsKey);
        return rs == null || rs.getSpec().getMinReadySeconds() == null ? 0 : rs.getSpec().getMinReadySeconds();
    }
}
