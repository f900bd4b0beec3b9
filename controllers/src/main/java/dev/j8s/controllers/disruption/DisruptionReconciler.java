package dev.j8s.controllers.disruption;

import dev.j8s.client.ApiStatusException;
import dev.j8s.client.ResourceClient;
import dev.j8s.client.events.EventRecorder;
import dev.j8s.client.informer.Indexer;
import dev.j8s.client.informer.Indexes;
import dev.j8s.controllers.framework.Copies;
import dev.j8s.controllers.framework.Reconciler;
import dev.j8s.controllers.framework.Selectors;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One PodDisruptionBudget's status brought up to date (disruption.go sync and trySync): the pods
 * its selector matches, how many it expects and how many must stay healthy, how many are healthy,
 * and from that how many may be evicted now. A budget whose status cannot be computed is closed
 * (failSafe: no disruptions allowed, condition SyncFailed).
 */
final class DisruptionReconciler implements Reconciler {

    private static final Logger log = LoggerFactory.getLogger(DisruptionReconciler.class);

    private final Indexer<PodDisruptionBudget> budgets;
    private final Indexer<Pod> pods;
    private final ScaleLookup scales;
    private final ResourceClient<PodDisruptionBudget> budgetClient;
    private final EventRecorder recorder;
    private final Clock clock;

    DisruptionReconciler(Indexer<PodDisruptionBudget> budgets, Indexer<Pod> pods, ScaleLookup scales,
                         ResourceClient<PodDisruptionBudget> budgetClient, EventRecorder recorder, Clock clock) {
        this.budgets = budgets;
        this.pods = pods;
        this.scales = scales;
        this.budgetClient = budgetClient;
        this.recorder = recorder;
        this.clock = clock;
    }

    @Override
    public Result reconcile(String key) {
        PodDisruptionBudget pdb = budgets.get(key);
        if (pdb == null) {
            return Result.done();
        }
        try {
            return trySync(pdb);
        } catch (ApiStatusException e) {
            if (e.isConflict()) {
                // A newer budget (an eviction's decrement) is on its way to the cache: sync that one.
                throw e;
            }
            return failSafe(pdb, e);
        } catch (RuntimeException e) {
            return failSafe(pdb, e);
        }
    }

    private Result trySync(PodDisruptionBudget pdb) {
        List<Pod> matching = podsOf(pdb);
        if (matching.isEmpty()) {
            recorder.event(pdb, EventRecorder.NORMAL, "NoPods", "No matching pods found");
        }
        ExpectedPods.Target target;
        try {
            target = ExpectedPods.of(pdb.getSpec(), matching, scales);
        } catch (RuntimeException e) {
            recorder.event(pdb, EventRecorder.WARNING, "CalculateExpectedPodCountFailed",
                    "Failed to calculate the number of expected pods: " + e.getMessage());
            throw e;
        }
        if (!target.unmanagedPods().isEmpty()) {
            recorder.event(pdb, EventRecorder.WARNING, "UnmanagedPods", "Pods selected by this "
                    + "PodDisruptionBudget (selector: " + Selectors.of(pdb.getSpec().getSelector()) + ") were found "
                    + "to be unmanaged. As a result, the status of the PDB cannot be calculated correctly, which may "
                    + "result in undefined behavior. To account for these pods please set \".spec.minAvailable\" "
                    + "field of the PDB to an integer value.");
        }
        Instant now = clock.instant();
        Map<String, String> recorded = pdb.getStatus() == null ? null : pdb.getStatus().getDisruptedPods();
        HealthyPods.Health health = HealthyPods.of(matching, recorded, now);
        for (Pod pod : health.notDeleted()) {
            recorder.event(pod, EventRecorder.WARNING, "NotDeleted", "Pod was expected by PDB "
                    + pdb.getMetadata().getNamespace() + "/" + pdb.getMetadata().getName()
                    + " to be deleted but it wasn't");
        }
        BudgetStatus.Counts counts = new BudgetStatus.Counts(health.currentHealthy(), target.desiredHealthy(),
                target.expectedCount(), health.disruptedPods());
        Optional<PodDisruptionBudgetStatus> next = BudgetStatus.next(pdb, counts, now);
        if (next.isPresent()) {
            write(pdb, next.get());
        }
        // An eviction that is not followed by a deletion stops holding a healthy pod back after the timeout.
        return health.recheckAt() == null ? Result.done()
                : Result.requeueAfter(Duration.between(now, health.recheckAt()));
    }

    private Result failSafe(PodDisruptionBudget pdb, RuntimeException cause) {
        log.warn("{}: failed to sync PodDisruptionBudget {}/{}: {}", DisruptionController.NAME,
                pdb.getMetadata().getNamespace(), pdb.getMetadata().getName(), cause.getMessage());
        PodDisruptionBudgetStatus closed = BudgetStatus.failSafe(pdb, cause.getMessage(), clock.instant());
        if (!closed.equals(pdb.getStatus())) {
            write(pdb, closed);
        }
        // Like Kubernetes, a budget closed this way waits for the next event or resync to try again.
        return Result.done();
    }

    /** Pods of the budget's namespace its selector matches (an empty selector matches all in policy/v1). */
    private List<Pod> podsOf(PodDisruptionBudget pdb) {
        var selector = Selectors.of(pdb.getSpec().getSelector());
        return pods.byIndex(Indexes.NAMESPACE, pdb.getMetadata().getNamespace()).stream()
                .filter(p -> selector.matches(p.getMetadata().getLabels() == null ? Map.of()
                        : p.getMetadata().getLabels()))
                .toList();
    }

    private void write(PodDisruptionBudget pdb, PodDisruptionBudgetStatus status) {
        PodDisruptionBudget copy = Copies.deepCopy(pdb);
        copy.setStatus(status);
        budgetClient.updateStatus(copy);
    }
}
