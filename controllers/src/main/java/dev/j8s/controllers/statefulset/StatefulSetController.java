package dev.j8s.controllers.statefulset;

import dev.j8s.client.KubeClient;
import dev.j8s.client.events.EventRecorder;
import dev.j8s.client.informer.Indexes;
import dev.j8s.client.informer.ObjectKeys;
import dev.j8s.client.informer.ResourceEventHandler;
import dev.j8s.client.informer.SharedIndexInformer;
import dev.j8s.client.informer.SharedInformerFactory;
import dev.j8s.controllers.framework.ControllerRunner;
import dev.j8s.controllers.framework.InformerIndexes;
import dev.j8s.controllers.framework.PodClaims;
import dev.j8s.controllers.framework.OwnedPodEvents;
import dev.j8s.controllers.framework.RevisionHistory;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.time.Clock;

/**
 * The StatefulSet controller: pods with stable names and storage, created, removed and updated in
 * ordinal order. Like Kubernetes' it keeps no expectations: its pods have fixed names, so a create
 * its cache has not shown yet fails with AlreadyExists instead of doubling a pod.
 */
public final class StatefulSetController implements AutoCloseable {

    public static final String NAME = "statefulset-controller";

    private final ControllerRunner runner;

    public StatefulSetController(KubeClient client, SharedInformerFactory informers, EventRecorder recorder,
                                 Clock clock, int workers) {
        SharedIndexInformer<StatefulSet> sets = informers.informerFor(StatefulSet.class);
        SharedIndexInformer<Pod> pods = informers.informerFor(Pod.class);
        SharedIndexInformer<ControllerRevision> revisions = informers.informerFor(ControllerRevision.class);
        PodClaims.indexCandidates(pods);
        InformerIndexes.ensure(revisions, Indexes.OWNER_UID, Indexes.byOwnerUid());
        StatefulSetReconciler reconciler = new StatefulSetReconciler(sets.indexer(), pods.indexer(),
                client.resources(StatefulSet.class), client.resources(Pod.class),
                client.resources(PersistentVolumeClaim.class),
                new RevisionHistory(revisions.indexer(), client.resources(ControllerRevision.class)), recorder, clock);
        this.runner = new ControllerRunner(NAME, reconciler, workers);
        sets.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(StatefulSet set) {
                runner.enqueue(ObjectKeys.key(set));
            }

            @Override
            public void onUpdate(StatefulSet oldSet, StatefulSet newSet) {
                runner.enqueue(ObjectKeys.key(newSet));
            }
        });
        pods.addEventHandler(new OwnedPodEvents<>("StatefulSet", sets.indexer(), s -> s.getSpec().getSelector(),
                null, runner));
    }

    /** Starts the workers; the informers are started by whoever owns the factory. */
    public void start() {
        runner.start();
    }

    @Override
    public void close() {
        runner.close();
    }
}
