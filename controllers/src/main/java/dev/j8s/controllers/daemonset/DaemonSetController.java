package dev.j8s.controllers.daemonset;

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
import dev.j8s.controllers.framework.PodClaims;
import dev.j8s.controllers.framework.OwnedPodEvents;
import dev.j8s.controllers.framework.RevisionHistory;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The DaemonSet controller: one pod per eligible node. DaemonSet and pod events enqueue the
 * DaemonSet they concern; a node that appears or whose labels, taints or readiness change
 * enqueues every DaemonSet (daemon_controller.go addNode / updateNode).
 */
public final class DaemonSetController implements AutoCloseable {

    public static final String NAME = "daemonset-controller";

    private final SharedIndexInformer<DaemonSet> daemonSets;
    private final ControllerRunner runner;
    private final ExecutorService writers;

    public DaemonSetController(KubeClient client, SharedInformerFactory informers, EventRecorder recorder,
                               Clock clock, int workers) {
        this.daemonSets = informers.informerFor(DaemonSet.class);
        SharedIndexInformer<Pod> pods = informers.informerFor(Pod.class);
        SharedIndexInformer<Node> nodes = informers.informerFor(Node.class);
        SharedIndexInformer<ControllerRevision> revisions = informers.informerFor(ControllerRevision.class);
        PodClaims.indexCandidates(pods);
        InformerIndexes.ensure(revisions, Indexes.OWNER_UID, Indexes.byOwnerUid());
        Expectations expectations = new Expectations(clock);
        this.writers = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("j8s-daemonset-write-", 0)
                .factory());
        DaemonSetReconciler reconciler = new DaemonSetReconciler(daemonSets.indexer(), pods.indexer(),
                nodes.indexer(), client.resources(DaemonSet.class), client.resources(Pod.class),
                new RevisionHistory(revisions.indexer(), client.resources(ControllerRevision.class)), expectations,
                recorder, writers, clock);
        this.runner = new ControllerRunner(NAME, reconciler, workers);
        daemonSets.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(DaemonSet ds) {
                runner.enqueue(ObjectKeys.key(ds));
            }

            @Override
            public void onUpdate(DaemonSet oldDs, DaemonSet newDs) {
                runner.enqueue(ObjectKeys.key(newDs));
            }

            @Override
            public void onDelete(DaemonSet ds) {
                expectations.forget(ObjectKeys.key(ds));
            }
        });
        pods.addEventHandler(new OwnedPodEvents<>("DaemonSet", daemonSets.indexer(),
                ds -> ds.getSpec().getSelector(), expectations, runner));
        nodes.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Node node) {
                enqueueAll();
            }

            @Override
            public void onUpdate(Node oldNode, Node newNode) {
                if (!Objects.equals(oldNode.getMetadata().getLabels(), newNode.getMetadata().getLabels())
                        || !Objects.equals(oldNode.getSpec(), newNode.getSpec())) {
                    enqueueAll();
                }
            }

            @Override
            public void onDelete(Node node) {
                enqueueAll();
            }
        });
    }

    private void enqueueAll() {
        daemonSets.indexer().list().forEach(ds -> runner.enqueue(ObjectKeys.key(ds)));
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
}
