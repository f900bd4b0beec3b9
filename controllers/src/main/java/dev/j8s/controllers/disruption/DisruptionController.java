package dev.j8s.controllers.disruption;

import dev.j8s.client.KubeClient;
import dev.j8s.client.events.EventRecorder;
import dev.j8s.client.informer.Indexes;
import dev.j8s.client.informer.ObjectKeys;
import dev.j8s.client.informer.ResourceEventHandler;
import dev.j8s.client.informer.SharedIndexInformer;
import dev.j8s.client.informer.SharedInformerFactory;
import dev.j8s.controllers.framework.ControllerRunner;
import dev.j8s.controllers.framework.InformerIndexes;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The disruption controller: keeps every PodDisruptionBudget's status (disruptionsAllowed above
 * all) current, so that the {@code pods/eviction} subresource, and through it {@code kubectl drain},
 * can honour it. A budget is synced when it changes, when a pod it selects changes, when a
 * workload controller's spec changes (its scale may be a budget's denominator), and every
 * {@link #RESYNC} (for controllers known only through their scale subresource).
 */
public final class DisruptionController implements AutoCloseable {

    public static final String NAME = "disruption-controller";

    /** kube-controller-manager resyncs budgets every 30 s. */
    static final Duration RESYNC = Duration.ofSeconds(30);

    private final SharedIndexInformer<PodDisruptionBudget> budgets;
    private final ControllerRunner runner;
    /** The second queue of Kubernetes' controller: pods whose DisruptionTarget condition may go stale. */
    private final ControllerRunner stalePods;

    public DisruptionController(KubeClient client, SharedInformerFactory informers, EventRecorder recorder,
                                Clock clock, int workers) {
        this.budgets = informers.informerFor(PodDisruptionBudget.class, RESYNC);
        SharedIndexInformer<Pod> pods = informers.informerFor(Pod.class);
        InformerIndexes.ensure(pods, Indexes.NAMESPACE, Indexes.byNamespace());
        SharedIndexInformer<ReplicaSet> replicaSets = informers.informerFor(ReplicaSet.class);
        SharedIndexInformer<Deployment> deployments = informers.informerFor(Deployment.class);
        SharedIndexInformer<ReplicationController> rcs = informers.informerFor(ReplicationController.class);
        SharedIndexInformer<StatefulSet> statefulSets = informers.informerFor(StatefulSet.class);
        ScaleLookup scales = new ControllerScales(replicaSets.indexer(), deployments.indexer(), rcs.indexer(),
                statefulSets.indexer(), new ScaleSubresources(client.transport()));
        DisruptionReconciler reconciler = new DisruptionReconciler(budgets.indexer(), pods.indexer(), scales,
                client.resources(PodDisruptionBudget.class), recorder, clock);
        this.runner = new ControllerRunner(NAME, reconciler, workers);
        this.stalePods = new ControllerRunner(NAME + "-stale-pods", new StaleDisruptionTarget(pods.indexer(),
                client.resources(Pod.class), clock), 1);
        budgets.addEventHandler(new BudgetHandler());
        pods.addEventHandler(new BudgetPodEvents(budgets.indexer(), runner, recorder));
        pods.addEventHandler(new StalePodEvents(clock));
        replicaSets.addEventHandler(new ScaleChanges<>());
        deployments.addEventHandler(new ScaleChanges<>());
        rcs.addEventHandler(new ScaleChanges<>());
        statefulSets.addEventHandler(new ScaleChanges<>());
    }

    /** Starts the workers; the informers are started by whoever owns the factory. */
    public void start() {
        runner.start();
        stalePods.start();
    }

    @Override
    public void close() {
        stalePods.close();
        runner.close();
    }

    /** A pod marked as a disruption target is looked at again when the mark would become stale. */
    private final class StalePodEvents implements ResourceEventHandler<Pod> {
        private final Clock clock;

        StalePodEvents(Clock clock) {
            this.clock = clock;
        }

        @Override
        public void onAdd(Pod pod) {
            StaleDisruptionTarget.cleanupIn(pod, clock.instant())
                    .ifPresent(delay -> stalePods.enqueueAfter(ObjectKeys.key(pod), delay));
        }

        @Override
        public void onUpdate(Pod oldPod, Pod newPod) {
            onAdd(newPod);
        }
    }

    private final class BudgetHandler implements ResourceEventHandler<PodDisruptionBudget> {
        @Override
        public void onAdd(PodDisruptionBudget pdb) {
            runner.enqueue(ObjectKeys.key(pdb));
        }

        @Override
        public void onUpdate(PodDisruptionBudget oldPdb, PodDisruptionBudget newPdb) {
            runner.enqueue(ObjectKeys.key(newPdb));
        }

        @Override
        public void onDelete(PodDisruptionBudget pdb) {
            runner.enqueue(ObjectKeys.key(pdb));
        }
    }

    /**
     * A workload's spec changed (replicas, or it appeared or went): budgets of its namespace that
     * count controller scales look again. Status-only updates (same generation) are ignored.
     */
    private final class ScaleChanges<T extends HasMetadata> implements ResourceEventHandler<T> {
        @Override
        public void onAdd(T object) {
            enqueueScaledBudgets(object.getMetadata().getNamespace());
        }

        @Override
        public void onUpdate(T oldObject, T newObject) {
            if (!Objects.equals(oldObject.getMetadata().getGeneration(), newObject.getMetadata().getGeneration())) {
                enqueueScaledBudgets(newObject.getMetadata().getNamespace());
            }
        }

        @Override
        public void onDelete(T object) {
            enqueueScaledBudgets(object.getMetadata().getNamespace());
        }

        private void enqueueScaledBudgets(String namespace) {
            for (PodDisruptionBudget pdb : budgets.indexer().byIndex(Indexes.NAMESPACE, namespace)) {
                if (countsScale(pdb)) {
                    runner.enqueue(ObjectKeys.key(pdb));
                }
            }
        }
    }

    /** maxUnavailable and a percentage minAvailable are taken of the controllers' scale. */
    static boolean countsScale(PodDisruptionBudget pdb) {
        var spec = pdb.getSpec();
        return spec.getMaxUnavailable() != null
                || (spec.getMinAvailable() != null && spec.getMinAvailable().getIntVal() == null);
    }
}
