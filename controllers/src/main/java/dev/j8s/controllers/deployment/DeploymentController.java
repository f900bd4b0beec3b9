package dev.j8s.controllers.deployment;

import dev.j8s.controllers.framework.EnqueueByKey;
import dev.j8s.client.KubeClient;
import dev.j8s.client.events.EventRecorder;
import dev.j8s.client.informer.Indexes;
import dev.j8s.client.informer.ObjectKeys;
import dev.j8s.client.informer.ResourceEventHandler;
import dev.j8s.client.informer.SharedIndexInformer;
import dev.j8s.client.informer.SharedInformerFactory;
import dev.j8s.controllers.framework.ControllerRunner;
import dev.j8s.controllers.framework.InformerIndexes;
import dev.j8s.controllers.framework.OwnerReferences;
import dev.j8s.controllers.framework.Selectors;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The Deployment controller: rolls Deployments out through ReplicaSets. Handlers enqueue the key
 * of the Deployment concerned — its own changes, changes of the ReplicaSets it controls (or
 * could adopt), and deletions of their pods (Recreate waits for those); the
 * {@link DeploymentReconciler} does the rest.
 */
public final class DeploymentController implements AutoCloseable {

    public static final String NAME = "deployment-controller";

    private final SharedIndexInformer<Deployment> deployments;
    private final SharedIndexInformer<ReplicaSet> replicaSets;
    private final ControllerRunner runner;

    public DeploymentController(KubeClient client, SharedInformerFactory informers, EventRecorder recorder,
                                Clock clock, int workers) {
        this.deployments = informers.informerFor(Deployment.class);
        this.replicaSets = informers.informerFor(ReplicaSet.class);
        SharedIndexInformer<Pod> pods = informers.informerFor(Pod.class);
        InformerIndexes.ensure(replicaSets, Indexes.NAMESPACE, Indexes.byNamespace());
        InformerIndexes.ensure(pods, Indexes.OWNER_UID, Indexes.byOwnerUid());
        DeploymentReconciler reconciler = new DeploymentReconciler(deployments.indexer(), replicaSets.indexer(),
                pods.indexer(), client.resources(Deployment.class), client.resources(ReplicaSet.class), recorder,
                clock);
        this.runner = new ControllerRunner(NAME, reconciler, workers);
        deployments.addEventHandler(EnqueueByKey.of(runner::enqueue));
        replicaSets.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(ReplicaSet rs) {
                enqueueOwnerOrSelecting(rs);
            }

            @Override
            public void onUpdate(ReplicaSet oldRs, ReplicaSet newRs) {
                Optional<String> oldOwner = owningDeploymentKey(oldRs);
                Optional<String> newOwner = owningDeploymentKey(newRs);
                if (oldOwner.isPresent() && !oldOwner.equals(newOwner)) {
                    runner.enqueue(oldOwner.get());
                }
                enqueueOwnerOrSelecting(newRs);
            }

            @Override
            public void onDelete(ReplicaSet rs) {
                owningDeploymentKey(rs).ifPresent(runner::enqueue);
            }
        });
        pods.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onDelete(Pod pod) {
                owningReplicaSet(pod).flatMap(DeploymentController.this::owningDeploymentKey)
                        .ifPresent(runner::enqueue);
            }
        });
    }

    public void start() {
        runner.start();
    }

    @Override
    public void close() {
        runner.close();
    }

    private void enqueueOwnerOrSelecting(ReplicaSet rs) {
        Optional<String> owner = owningDeploymentKey(rs);
        if (owner.isPresent()) {
            runner.enqueue(owner.get());
            return;
        }
        if (OwnerReferences.controllerOf(rs).isPresent()) {
            return;
        }
        Map<String, String> labels = rs.getMetadata().getLabels() == null ? Map.of() : rs.getMetadata().getLabels();
        for (Deployment d : deployments.indexer().list()) {
            if (Objects.equals(d.getMetadata().getNamespace(), rs.getMetadata().getNamespace())
                    && Selectors.of(d.getSpec().getSelector()).matches(labels)) {
                runner.enqueue(ObjectKeys.key(d));
            }
        }
    }

    private Optional<String> owningDeploymentKey(HasMetadata rs) {
        return controller(rs, "Deployment").map(ref -> ObjectKeys.key(rs.getMetadata().getNamespace(), ref.getName()));
    }

    private Optional<ReplicaSet> owningReplicaSet(Pod pod) {
        return controller(pod, "ReplicaSet").map(ref -> replicaSets.indexer().get(pod.getMetadata().getNamespace(),
                ref.getName())).filter(rs -> rs != null);
    }

    private static Optional<OwnerReference> controller(HasMetadata object, String kind) {
        return OwnerReferences.controllerOf(object).filter(ref -> kind.equals(ref.getKind()));
    }
}
