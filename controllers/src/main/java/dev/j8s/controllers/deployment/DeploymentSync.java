package dev.j8s.controllers.deployment;

import static dev.j8s.controllers.deployment.DeploymentConditions.CONDITIONS;

import dev.j8s.client.ApiStatusException;
import dev.j8s.client.ResourceClient;
import dev.j8s.client.events.EventRecorder;
import dev.j8s.controllers.framework.Copies;
import dev.j8s.controllers.framework.PodTemplateHash;
import dev.j8s.controllers.framework.Reconciler.Result;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One pass of the Deployment controller over one Deployment (deployment_controller.go
 * syncDeployment and what it calls): find or create the ReplicaSet for the current template,
 * move replicas from old ReplicaSets to it as the strategy allows, trim history, write status.
 * Holds the Deployment as last written, so successive writes in one pass carry fresh versions.
 */
final class DeploymentSync {

    private final ResourceClient<Deployment> deployments;
    private final ReplicaSetWriter rsWriter;
    private final OldPods oldPods;
    private final EventRecorder recorder;
    private final Instant now;
    private Deployment d;
    private ReplicaSet newRs;
    /** Every owned ReplicaSet but the new one, oldest first. */
    private final List<ReplicaSet> olds = new ArrayList<>();

    /** Whether pods of the given ReplicaSets still run (Recreate waits for them to be gone). */
    interface OldPods {
        boolean running(List<ReplicaSet> replicaSets);
    }

    DeploymentSync(Deployment d, List<ReplicaSet> ownedOldestFirst, ResourceClient<Deployment> deployments,
                   ReplicaSetWriter rsWriter, OldPods oldPods, EventRecorder recorder, Instant now) {
        this.d = d;
        this.deployments = deployments;
        this.rsWriter = rsWriter;
        this.oldPods = oldPods;
        this.recorder = recorder;
        this.now = now;
        for (ReplicaSet rs : ownedOldestFirst) {
            if (newRs == null && PodTemplateHash.equalIgnoringHash(rs.getSpec().getTemplate(),
                    d.getSpec().getTemplate())) {
                newRs = rs;
            } else {
                olds.add(rs);
            }
        }
    }

    Result run() {
        if (d.getMetadata().getDeletionTimestamp() != null) {
            syncStatus();
            return Result.done();
        }
        checkPausedConditions();
        if (DeploymentSpecs.isPaused(d) || isScalingEvent()) {
            return syncScale();
        }
        return DeploymentSpecs.isRollingUpdate(d) ? rolloutRolling() : rolloutRecreate();
    }

    /** Paused or resized: no rollout progress, only proportional scaling (sync.go sync). */
    private Result syncScale() {
        resolveNewReplicaSet(false);
        scale();
        if (DeploymentSpecs.isPaused(d)) {
            cleanupHistory();
        }
        syncStatus();
        return Result.done();
    }

    private Result rolloutRolling() {
        resolveNewReplicaSet(true);
        if (reconcileNewReplicaSet() || reconcileOldReplicaSets()) {
            return syncRolloutStatus();
        }
        if (DeploymentStatusCalculator.complete(d, statusOf(d))) {
            cleanupHistory();
        }
        return syncRolloutStatus();
    }

    /** Recreate: every old pod gone before the new ReplicaSet gets any (recreate.go). */
    private Result rolloutRecreate() {
        resolveNewReplicaSet(false);
        boolean scaledDown = false;
        for (int i = 0; i < olds.size(); i++) {
            if (DeploymentSpecs.replicas(olds.get(i)) > 0) {
                olds.set(i, rsWriter.scale(olds.get(i), 0, d));
                scaledDown = true;
            }
        }
        if (scaledDown || oldPods.running(olds)) {
            return syncRolloutStatus();
        }
        if (newRs == null) {
            resolveNewReplicaSet(true);
        }
        if (DeploymentSpecs.replicas(newRs) != DeploymentSpecs.replicas(d)) {
            newRs = rsWriter.scale(newRs, DeploymentSpecs.replicas(d), d);
            return syncRolloutStatus();
        }
        if (DeploymentStatusCalculator.complete(d, statusOf(d))) {
            cleanupHistory();
        }
        return syncRolloutStatus();
    }

    private boolean reconcileNewReplicaSet() {
        int target = RolloutPlanner.newReplicaSetSize(DeploymentSpecs.replicas(d), RollingUpdateLimits.of(d),
                ReplicaSetCounts.of(newRs), all().stream().map(ReplicaSetCounts::of).toList());
        if (target == DeploymentSpecs.replicas(newRs)) {
            return false;
        }
        newRs = rsWriter.scale(newRs, target, d);
        return true;
    }

    private boolean reconcileOldReplicaSets() {
        Map<String, Integer> sizes = RolloutPlanner.oldReplicaSetSizes(DeploymentSpecs.replicas(d),
                RollingUpdateLimits.of(d), ReplicaSetCounts.of(newRs), olds.stream().map(ReplicaSetCounts::of).toList());
        return resize(sizes);
    }

    /** sync.go scale: proportional scaling across active ReplicaSets. */
    private void scale() {
        int desired = DeploymentSpecs.replicas(d);
        List<ReplicaSet> active = all().stream().filter(rs -> DeploymentSpecs.replicas(rs) > 0).toList();
        ReplicaSet only = active.size() == 1 ? active.get(0)
                : active.isEmpty() ? (newRs != null ? newRs : olds.isEmpty() ? null : olds.get(olds.size() - 1)) : null;
        if (active.size() <= 1) {
            if (only != null && DeploymentSpecs.replicas(only) != desired) {
                replace(only, rsWriter.scale(only, desired, d));
            }
            return;
        }
        if (newRs != null && DeploymentSpecs.replicas(newRs) == desired
                && DeploymentSpecs.availableReplicas(newRs) == desired) {
            Map<String, Integer> zero = new HashMap<>();
            olds.stream().filter(rs -> DeploymentSpecs.replicas(rs) > 0).forEach(rs -> zero.put(name(rs), 0));
            resize(zero);
            return;
        }
        if (!DeploymentSpecs.isRollingUpdate(d)) {
            return;
        }
        Map<String, Integer> sizes = RolloutPlanner.proportionalSizes(desired, RollingUpdateLimits.of(d),
                active.stream().map(ReplicaSetCounts::of).toList(),
                rsName -> active.stream().filter(rs -> name(rs).equals(rsName)).findFirst()
                        .map(RevisionAnnotations::maxReplicas).orElse(-1),
                Optional.ofNullable(statusOf(d).getReplicas()).orElse(0));
        for (ReplicaSet rs : active) {
            // Written even at the same size: the desired/max-replicas annotations record the new scale.
            replace(rs, rsWriter.scale(rs, sizes.getOrDefault(name(rs), DeploymentSpecs.replicas(rs)), d));
        }
    }

    /** isScalingEvent: an active ReplicaSet was sized for another spec.replicas than the current. */
    private boolean isScalingEvent() {
        return all().stream().filter(rs -> DeploymentSpecs.replicas(rs) > 0)
                .map(RevisionAnnotations::desiredReplicas)
                .anyMatch(desired -> desired >= 0 && desired != DeploymentSpecs.replicas(d));
    }

    private boolean resize(Map<String, Integer> sizes) {
        boolean changed = false;
        for (int i = 0; i < olds.size(); i++) {
            Integer size = sizes.get(name(olds.get(i)));
            if (size != null && size != DeploymentSpecs.replicas(olds.get(i))) {
                olds.set(i, rsWriter.scale(olds.get(i), size, d));
                changed = true;
            }
        }
        return changed;
    }

    /**
     * getNewReplicaSet: bring the ReplicaSet running the current template up to the next revision
     * (a reused template — rollout undo — is renumbered, its old number kept in revision-history),
     * or create it when {@code create} is set.
     */
    private void resolveNewReplicaSet(boolean create) {
        long newRevision = RevisionAnnotations.maxRevision(olds) + 1;
        if (newRs != null) {
            ReplicaSet copy = Copies.deepCopy(newRs);
            Map<String, String> annotations = new HashMap<>(copy.getMetadata().getAnnotations() == null ? Map.of()
                    : copy.getMetadata().getAnnotations());
            boolean annotationsChanged = RevisionAnnotations.applyToNewReplicaSet(d.getMetadata().getAnnotations(),
                    annotations, newRevision);
            boolean minReadyChanged = !Objects.equals(copy.getSpec().getMinReadySeconds(),
                    DeploymentSpecs.minReadySeconds(d));
            if (annotationsChanged || minReadyChanged) {
                copy.getMetadata().setAnnotations(annotations);
                copy.getSpec().setMinReadySeconds(DeploymentSpecs.minReadySeconds(d));
                newRs = rsWriter.update(copy);
            }
            setDeploymentRevision(annotations.get(RevisionAnnotations.REVISION));
            if (DeploymentSpecs.hasProgressDeadline(d)
                    && CONDITIONS.find(statusOf(d).getConditions(), DeploymentConditions.PROGRESSING).isEmpty()) {
                setCondition(DeploymentConditions.condition(DeploymentConditions.PROGRESSING, "True",
                        DeploymentConditions.FOUND_NEW_RS, "Found new replica set \"" + name(newRs) + "\"", now));
                writeStatus(statusOf(d));
            }
            return;
        }
        if (!create) {
            return;
        }
        createNewReplicaSet(newRevision);
    }

    private void createNewReplicaSet(long newRevision) {
        ReplicaSet rs = NewReplicaSetBuilder.build(d);
        int desired = DeploymentSpecs.replicas(d);
        RollingUpdateLimits limits = RollingUpdateLimits.of(d);
        int size = DeploymentSpecs.isRollingUpdate(d)
                ? RolloutPlanner.newReplicaSetSize(desired, limits, null, olds.stream().map(ReplicaSetCounts::of).toList())
                : desired;
        rs.getSpec().setReplicas(size);
        Map<String, String> annotations = rs.getMetadata().getAnnotations();
        RevisionAnnotations.applyToNewReplicaSet(d.getMetadata().getAnnotations(), annotations, newRevision);
        RevisionAnnotations.setReplicas(annotations, desired, desired + limits.maxSurge());
        try {
            newRs = rsWriter.create(rs);
        } catch (ApiStatusException e) {
            if (e.isAlreadyExists()) {
                adoptExistingOrCountCollision(rs, e);
                return;
            }
            if (DeploymentSpecs.hasProgressDeadline(d)) {
                setCondition(DeploymentConditions.condition(DeploymentConditions.PROGRESSING, "False",
                        DeploymentConditions.FAILED_RS_CREATE, "Failed to create new replica set \"" + name(rs)
                                + "\": " + e.getMessage(), now));
                writeStatus(statusOf(d));
            }
            recorder.event(d, EventRecorder.WARNING, DeploymentConditions.FAILED_RS_CREATE, e.getMessage());
            throw e;
        }
        if (size > 0) {
            recorder.eventf(d, EventRecorder.NORMAL, "ScalingReplicaSet", "Scaled up replica set %s from 0 to %d",
                    name(newRs), size);
        }
        setDeploymentRevision(Long.toString(newRevision));
        if (DeploymentSpecs.hasProgressDeadline(d)) {
            setCondition(DeploymentConditions.condition(DeploymentConditions.PROGRESSING, "True",
                    DeploymentConditions.NEW_RS_CREATED, "Created new replica set \"" + name(newRs) + "\"", now));
            writeStatus(statusOf(d));
        }
    }

    /**
     * The name is taken: by our own ReplicaSet for this template (a create we have not observed
     * yet), or by another template with the same hash — then bump status.collisionCount so the
     * next hash differs, and retry.
     */
    private void adoptExistingOrCountCollision(ReplicaSet wanted, ApiStatusException cause) {
        ReplicaSet existing = rsWriter.get(wanted.getMetadata().getNamespace(), name(wanted));
        boolean ours = dev.j8s.controllers.framework.OwnerReferences.isControlledBy(existing, d);
        if (ours && PodTemplateHash.equalIgnoringHash(existing.getSpec().getTemplate(), d.getSpec().getTemplate())) {
            newRs = existing;
            return;
        }
        DeploymentStatus status = statusOf(d);
        status.setCollisionCount(status.getCollisionCount() == null ? 1 : status.getCollisionCount() + 1);
        writeStatus(status);
        throw cause;
    }

    /** cleanupDeployment: delete the oldest scaled-down ReplicaSets beyond revisionHistoryLimit. */
    private void cleanupHistory() {
        Integer limit = d.getSpec().getRevisionHistoryLimit();
        if (limit == null) {
            return;
        }
        List<ReplicaSet> cleanable = new ArrayList<>(olds.stream()
                .filter(rs -> rs.getMetadata().getDeletionTimestamp() == null).toList());
        int excess = cleanable.size() - limit;
        if (excess <= 0) {
            return;
        }
        // Stable sort keeps creation order among equal revisions.
        cleanable.sort(java.util.Comparator.comparingLong(RevisionAnnotations::revision));
        for (ReplicaSet rs : cleanable.subList(0, excess)) {
            long observed = rs.getStatus() == null || rs.getStatus().getObservedGeneration() == null ? 0
                    : rs.getStatus().getObservedGeneration();
            long generation = rs.getMetadata().getGeneration() == null ? 0 : rs.getMetadata().getGeneration();
            if (DeploymentSpecs.statusReplicas(rs) != 0 || DeploymentSpecs.replicas(rs) != 0 || generation > observed) {
                continue;
            }
            rsWriter.delete(rs);
        }
    }

    /** checkPausedConditions: Progressing Unknown with DeploymentPaused / DeploymentResumed. */
    private void checkPausedConditions() {
        if (!DeploymentSpecs.hasProgressDeadline(d)) {
            return;
        }
        Optional<DeploymentCondition> c = CONDITIONS.find(statusOf(d).getConditions(), DeploymentConditions.PROGRESSING);
        if (c.isPresent() && DeploymentConditions.TIMED_OUT.equals(c.get().getReason())) {
            return;
        }
        boolean pausedCondition = c.isPresent() && DeploymentConditions.PAUSED.equals(c.get().getReason());
        if (DeploymentSpecs.isPaused(d) && !pausedCondition) {
            setCondition(DeploymentConditions.condition(DeploymentConditions.PROGRESSING, "Unknown",
                    DeploymentConditions.PAUSED, "Deployment is paused", now));
            writeStatus(statusOf(d));
        } else if (!DeploymentSpecs.isPaused(d) && pausedCondition) {
            setCondition(DeploymentConditions.condition(DeploymentConditions.PROGRESSING, "Unknown",
                    DeploymentConditions.RESUMED, "Deployment is resumed", now));
            writeStatus(statusOf(d));
        }
    }

    private Result syncRolloutStatus() {
        DeploymentStatus next = DeploymentStatusCalculator.withRolloutConditions(d, all(), newRs, now);
        if (DeploymentStatusCalculator.same(d.getStatus(), next)) {
            return DeploymentStatusCalculator.recheckDeadlineIn(d, next, now)
                    .map(Result::requeueAfter).orElse(Result.done());
        }
        writeStatus(next);
        return Result.done();
    }

    private void syncStatus() {
        DeploymentStatus next = DeploymentStatusCalculator.calculate(d, all(), newRs, now);
        if (!DeploymentStatusCalculator.same(d.getStatus(), next)) {
            writeStatus(next);
        }
    }

    /** SetDeploymentRevision: the Deployment carries the revision of its newest ReplicaSet. */
    private void setDeploymentRevision(String revision) {
        if (revision == null) {
            return;
        }
        Map<String, String> annotations = d.getMetadata().getAnnotations() == null ? Map.of()
                : d.getMetadata().getAnnotations();
        if (revision.equals(annotations.get(RevisionAnnotations.REVISION))) {
            return;
        }
        Deployment copy = Copies.deepCopy(d);
        Map<String, String> updated = new HashMap<>(annotations);
        updated.put(RevisionAnnotations.REVISION, revision);
        copy.getMetadata().setAnnotations(updated);
        d = deployments.update(copy);
    }

    private void setCondition(DeploymentCondition condition) {
        DeploymentStatus status = statusOf(d);
        status.setConditions(CONDITIONS.set(status.getConditions(), condition));
        d.setStatus(status);
    }

    private void writeStatus(DeploymentStatus status) {
        Deployment copy = Copies.deepCopy(d);
        copy.setStatus(status);
        d = deployments.updateStatus(copy);
    }

    private List<ReplicaSet> all() {
        List<ReplicaSet> all = new ArrayList<>(olds);
        if (newRs != null) {
            all.add(newRs);
        }
        return all;
    }

    private void replace(ReplicaSet before, ReplicaSet after) {
        if (before == newRs) {
            newRs = after;
        } else {
            olds.replaceAll(rs -> rs == before ? after : rs);
        }
    }

    private static DeploymentStatus statusOf(Deployment d) {
        return d.getStatus() == null ? new DeploymentStatus() : d.getStatus();
    }

    private static String name(ReplicaSet rs) {
        return rs.getMetadata().getName();
    }
}
