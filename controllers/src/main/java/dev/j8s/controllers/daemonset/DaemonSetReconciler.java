package dev.j8s.controllers.daemonset;

import dev.j8s.client.ResourceClient;
import dev.j8s.client.events.EventRecorder;
import dev.j8s.client.informer.Indexer;
import dev.j8s.client.informer.ObjectKeys;
import dev.j8s.controllers.framework.ControllerRevisions;
import dev.j8s.controllers.framework.Copies;
import dev.j8s.controllers.framework.Expectations;
import dev.j8s.controllers.framework.OwnedPodDeletion;
import dev.j8s.controllers.framework.IntOrPercent;
import dev.j8s.controllers.framework.PodClaims;
import dev.j8s.controllers.framework.PodReadiness;
import dev.j8s.controllers.framework.Reconciler;
import dev.j8s.controllers.framework.RevisionHistory;
import dev.j8s.controllers.framework.Selectors;
import dev.j8s.controllers.framework.SlowStartBatch;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatus;
import io.fabric8.kubernetes.api.model.apps.DaemonSetUpdateStrategy;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDaemonSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * One DaemonSet brought to one pod on every eligible node (daemon_controller.go syncDaemonSet):
 * record the template as a ControllerRevision, claim the pods, create and delete what
 * {@link DaemonSetPlanner} decides unless earlier writes are still unobserved, trim the history and
 * write the status.
 */
final class DaemonSetReconciler implements Reconciler {

    /** daemon_controller.go BurstReplicas: at most this many creates per sync. */
    static final int BURST_REPLICAS = 250;

    private final Indexer<DaemonSet> daemonSets;
    private final Indexer<Pod> pods;
    private final Indexer<Node> nodes;
    private final ResourceClient<DaemonSet> dsClient;
    private final ResourceClient<Pod> podClient;
    private final RevisionHistory history;
    private final PodClaims claims;
    private final Expectations expectations;
    private final EventRecorder recorder;
    private final ExecutorService writers;
    private final Clock clock;

    DaemonSetReconciler(Indexer<DaemonSet> daemonSets, Indexer<Pod> pods, Indexer<Node> nodes,
                        ResourceClient<DaemonSet> dsClient, ResourceClient<Pod> podClient, RevisionHistory history,
                        Expectations expectations, EventRecorder recorder, ExecutorService writers, Clock clock) {
        this.daemonSets = daemonSets;
        this.pods = pods;
        this.nodes = nodes;
        this.dsClient = dsClient;
        this.podClient = podClient;
        this.history = history;
        this.claims = new PodClaims(podClient);
        this.expectations = expectations;
        this.recorder = recorder;
        this.writers = writers;
        this.clock = clock;
    }

    @Override
    public Result reconcile(String key) throws Exception {
        DaemonSet ds = daemonSets.get(key);
        if (ds == null) {
            expectations.forget(key);
            return Result.done();
        }
        if (ds.getMetadata().getDeletionTimestamp() != null) {
            // The garbage collector removes the pods; a DaemonSet being deleted only keeps its status.
            return Result.done();
        }
        RevisionHistory.Snapshot revisions = history.sync(ds, ds.getSpec().getTemplate(),
                ds.getStatus() == null ? null : ds.getStatus().getCollisionCount());
        String hash = ControllerRevisions.hash(revisions.current());
        List<Pod> owned = claims.claim(ds, Selectors.of(ds.getSpec().getSelector()), pods);
        List<DaemonSetPlanner.NodeState> states = nodeStates(ds, owned);
        int minReady = ds.getSpec().getMinReadySeconds() == null ? 0 : ds.getSpec().getMinReadySeconds();
        Exception writeError = null;
        if (expectations.satisfied(key)) {
            DaemonSetPlanner.Plan plan = DaemonSetPlanner.plan(states, hash, budget(ds, states), minReady,
                    clock.instant());
            plan = withPodsOfVanishedNodes(plan, owned);
            writeError = execute(key, ds, hash, plan);
        }
        Set<String> liveHashes = new HashSet<>();
        liveHashes.add(hash);
        owned.forEach(p -> liveHashes.add(ControllerRevisions.hash(p)));
        history.truncate(revisions.revisions(), liveHashes, historyLimit(ds));
        DaemonSetStatus status = DaemonSetStatusCalculator.calculate(ds, states, hash, revisions.collisionCount(),
                minReady, clock.instant());
        if (!DaemonSetStatusCalculator.unchanged(ds, status)) {
            DaemonSet copy = Copies.deepCopy(ds);
            copy.setStatus(status);
            dsClient.updateStatus(copy);
        }
        if (writeError != null) {
            throw writeError;
        }
        // Ready pods become available after minReadySeconds with no event to say so.
        if (minReady > 0 && status.getNumberReady() > status.getNumberAvailable()) {
            return Result.requeueAfter(Duration.ofSeconds(minReady));
        }
        return Result.done();
    }

    /** Every node with its eligibility and the daemon's pods targeting it. */
    private List<DaemonSetPlanner.NodeState> nodeStates(DaemonSet ds, List<Pod> owned) {
        Map<String, List<Pod>> byNode = new HashMap<>();
        Set<String> terminating = new HashSet<>();
        for (Pod pod : owned) {
            DaemonPods.targetNode(pod).ifPresent(node -> {
                if (pod.getMetadata().getDeletionTimestamp() != null) {
                    terminating.add(node);
                } else {
                    byNode.computeIfAbsent(node, n -> new ArrayList<>()).add(pod);
                }
            });
        }
        List<DaemonSetPlanner.NodeState> states = new ArrayList<>();
        for (Node node : nodes.list()) {
            String name = node.getMetadata().getName();
            states.add(new DaemonSetPlanner.NodeState(name,
                    DaemonNodeEligibility.of(ds.getSpec().getTemplate().getSpec(), node),
                    byNode.getOrDefault(name, List.of()), terminating.contains(name)));
        }
        return states;
    }

    /** Pods whose node no longer exists (or that name none) are deleted (getUnscheduledPodsWithoutNode). */
    private DaemonSetPlanner.Plan withPodsOfVanishedNodes(DaemonSetPlanner.Plan plan, List<Pod> owned) {
        List<Pod> delete = new ArrayList<>(plan.podsToDelete());
        for (Pod pod : owned) {
            if (pod.getMetadata().getDeletionTimestamp() == null && PodReadiness.isActive(pod)
                    && DaemonPods.targetNode(pod).map(n -> nodes.get(n) == null).orElse(true)
                    && !delete.contains(pod)) {
                delete.add(pod);
            }
        }
        return new DaemonSetPlanner.Plan(plan.nodesToCreate(), delete);
    }

    private static DaemonSetPlanner.Budget budget(DaemonSet ds, List<DaemonSetPlanner.NodeState> states) {
        DaemonSetUpdateStrategy strategy = ds.getSpec().getUpdateStrategy();
        if (strategy != null && "OnDelete".equals(strategy.getType())) {
            return new DaemonSetPlanner.Budget(false, 0, 0);
        }
        int desired = (int) states.stream().filter(s -> s.eligibility().shouldRun()).count();
        RollingUpdateDaemonSet rolling = strategy == null ? null : strategy.getRollingUpdate();
        int surge = rolling == null ? 0 : IntOrPercent.scaled(rolling.getMaxSurge(), desired, true);
        int unavailable = rolling == null || rolling.getMaxUnavailable() == null ? 1
                : IntOrPercent.scaled(rolling.getMaxUnavailable(), desired, true);
        // Both zero is invalid; Kubernetes then still lets one pod be replaced at a time.
        if (surge == 0 && unavailable == 0) {
            unavailable = 1;
        }
        return new DaemonSetPlanner.Budget(true, unavailable, surge);
    }

    private Exception execute(String key, DaemonSet ds, String hash, DaemonSetPlanner.Plan plan)
            throws InterruptedException {
        if (plan.isEmpty()) {
            return null;
        }
        List<String> create = plan.nodesToCreate().subList(0, Math.min(BURST_REPLICAS, plan.nodesToCreate().size()));
        expectations.expect(key, create.size(), plan.podsToDelete().stream().map(ObjectKeys::key).toList());
        Exception deleteError = null;
        for (Pod pod : plan.podsToDelete()) {
            Exception e = deletePod(key, ds, pod);
            deleteError = deleteError == null ? e : deleteError;
        }
        BlockingQueue<String> targets = new LinkedBlockingQueue<>(create);
        SlowStartBatch.Outcome outcome = SlowStartBatch.run(create.size(), 1, writers,
                () -> createPod(ds, hash, targets.remove()));
        for (int i = outcome.successes(); i < create.size(); i++) {
            expectations.creationObserved(key);
        }
        return deleteError != null ? deleteError : outcome.firstError();
    }

    private void createPod(DaemonSet ds, String hash, String node) {
        try {
            Pod created = podClient.create(DaemonPods.forNode(ds, hash, node));
            recorder.event(ds, EventRecorder.NORMAL, "SuccessfulCreate", "Created pod: "
                    + created.getMetadata().getName());
        } catch (RuntimeException e) {
            recorder.event(ds, EventRecorder.WARNING, "FailedCreate", "Error creating: " + e.getMessage());
            throw e;
        }
    }

    private Exception deletePod(String key, DaemonSet ds, Pod pod) {
        return OwnedPodDeletion.delete(podClient, expectations, recorder, key, ds, pod);
    }

    private static int historyLimit(DaemonSet ds) {
        return ds.getSpec().getRevisionHistoryLimit() == null ? 10 : ds.getSpec().getRevisionHistoryLimit();
    }
}
