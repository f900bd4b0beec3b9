package dev.j8s.controllers.deployment;

import static dev.j8s.controllers.deployment.DeploymentConditions.CONDITIONS;

import dev.j8s.controllers.framework.Copies;
import dev.j8s.controllers.framework.Timestamps;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetCondition;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A Deployment's status from its ReplicaSets (sync.go calculateStatus) and the Progressing
 * condition a rollout earns (progress.go syncRolloutStatus): complete, still progressing, or past
 * its progressDeadlineSeconds. These are what {@code kubectl rollout status} reads.
 */
final class DeploymentStatusCalculator {

    private DeploymentStatusCalculator() {}

    /** Replica counts and the Available condition; other conditions are carried over. */
    static DeploymentStatus calculate(Deployment d, List<ReplicaSet> all, ReplicaSet newRs, Instant now) {
        int available = all.stream().mapToInt(DeploymentSpecs::availableReplicas).sum();
        int specTotal = all.stream().mapToInt(DeploymentSpecs::replicas).sum();
        DeploymentStatus old = d.getStatus() == null ? new DeploymentStatus() : d.getStatus();
        DeploymentStatus status = new DeploymentStatus();
        status.setObservedGeneration(DeploymentSpecs.generation(d));
        status.setReplicas(nullIfZero(all.stream().mapToInt(DeploymentSpecs::statusReplicas).sum()));
        status.setUpdatedReplicas(nullIfZero(DeploymentSpecs.statusReplicas(newRs)));
        status.setReadyReplicas(nullIfZero(all.stream().mapToInt(DeploymentSpecs::readyReplicas).sum()));
        status.setAvailableReplicas(nullIfZero(available));
        status.setUnavailableReplicas(nullIfZero(Math.max(0, specTotal - available)));
        status.setCollisionCount(old.getCollisionCount());
        List<DeploymentCondition> conditions = old.getConditions() == null ? List.of()
                : old.getConditions().stream().map(Copies::deepCopy).toList();
        int desired = DeploymentSpecs.replicas(d);
        if (available >= desired - RollingUpdateLimits.of(d).unavailableFor(desired)) {
            conditions = CONDITIONS.set(conditions, DeploymentConditions.condition(DeploymentConditions.AVAILABLE,
                    "True", DeploymentConditions.MINIMUM_REPLICAS_AVAILABLE, "Deployment has minimum availability.",
                    now));
        } else {
            conditions = CONDITIONS.set(conditions, DeploymentConditions.condition(DeploymentConditions.AVAILABLE,
                    "False", DeploymentConditions.MINIMUM_REPLICAS_UNAVAILABLE,
                    "Deployment does not have minimum availability.", now));
        }
        status.setConditions(conditions);
        return status;
    }

    /**
     * calculate() plus the Progressing and ReplicaFailure conditions (syncRolloutStatus). A
     * rollout that completed keeps NewReplicaSetAvailable until a new one starts.
     */
    static DeploymentStatus withRolloutConditions(Deployment d, List<ReplicaSet> all, ReplicaSet newRs, Instant now) {
        DeploymentStatus status = calculate(d, all, newRs, now);
        List<DeploymentCondition> conditions = status.getConditions();
        if (!DeploymentSpecs.hasProgressDeadline(d)) {
            conditions = CONDITIONS.remove(conditions, DeploymentConditions.PROGRESSING);
        }
        Optional<DeploymentCondition> current = CONDITIONS.find(conditions, DeploymentConditions.PROGRESSING);
        boolean alreadyComplete = zero(status.getReplicas()) == zero(status.getUpdatedReplicas())
                && current.map(c -> DeploymentConditions.NEW_RS_AVAILABLE.equals(c.getReason())).orElse(false);
        if (DeploymentSpecs.hasProgressDeadline(d) && !alreadyComplete) {
            String rsName = newRs == null ? "" : newRs.getMetadata().getName();
            if (complete(d, status)) {
                conditions = CONDITIONS.set(conditions, DeploymentConditions.condition(DeploymentConditions.PROGRESSING,
                        "True", DeploymentConditions.NEW_RS_AVAILABLE,
                        "ReplicaSet \"" + rsName + "\" has successfully progressed.", now));
            } else if (progressing(d, status)) {
                DeploymentCondition next = DeploymentConditions.condition(DeploymentConditions.PROGRESSING, "True",
                        DeploymentConditions.RS_UPDATED, "ReplicaSet \"" + rsName + "\" is progressing.", now);
                // Progress refreshes lastUpdateTime (the deadline's start) but is no transition.
                if (current.isPresent() && "True".equals(current.get().getStatus())) {
                    next.setLastTransitionTime(current.get().getLastTransitionTime());
                }
                conditions = CONDITIONS.remove(conditions, DeploymentConditions.PROGRESSING);
                conditions.add(next);
            } else if (timedOut(d, status, now)) {
                conditions = CONDITIONS.set(conditions, DeploymentConditions.condition(DeploymentConditions.PROGRESSING,
                        "False", DeploymentConditions.TIMED_OUT,
                        "ReplicaSet \"" + rsName + "\" has timed out progressing.", now));
            }
        }
        Optional<ReplicaSetCondition> failure = all.stream()
                .filter(rs -> rs.getStatus() != null && rs.getStatus().getConditions() != null)
                .flatMap(rs -> rs.getStatus().getConditions().stream())
                .filter(c -> DeploymentConditions.REPLICA_FAILURE.equals(c.getType()))
                .findFirst();
        if (failure.isPresent()) {
            conditions = CONDITIONS.set(conditions, DeploymentConditions.condition(DeploymentConditions.REPLICA_FAILURE,
                    failure.get().getStatus(), failure.get().getReason(), failure.get().getMessage(), now));
        } else {
            conditions = CONDITIONS.remove(conditions, DeploymentConditions.REPLICA_FAILURE);
        }
        status.setConditions(conditions);
        return status;
    }

    /** DeploymentComplete: every replica updated and available, and the latest spec observed. */
    static boolean complete(Deployment d, DeploymentStatus s) {
        int desired = DeploymentSpecs.replicas(d);
        return zero(s.getUpdatedReplicas()) == desired && zero(s.getReplicas()) == desired
                && zero(s.getAvailableReplicas()) == desired
                && (s.getObservedGeneration() == null ? 0 : s.getObservedGeneration()) >= DeploymentSpecs.generation(d);
    }

    /** DeploymentProgressing: more updated, ready or available pods, or fewer old ones, than last recorded. */
    static boolean progressing(Deployment d, DeploymentStatus next) {
        DeploymentStatus old = d.getStatus() == null ? new DeploymentStatus() : d.getStatus();
        int oldOld = zero(old.getReplicas()) - zero(old.getUpdatedReplicas());
        int newOld = zero(next.getReplicas()) - zero(next.getUpdatedReplicas());
        return zero(next.getUpdatedReplicas()) > zero(old.getUpdatedReplicas()) || newOld < oldOld
                || zero(next.getReadyReplicas()) > zero(old.getReadyReplicas())
                || zero(next.getAvailableReplicas()) > zero(old.getAvailableReplicas());
    }

    /** DeploymentTimedOut: no progress recorded for progressDeadlineSeconds. */
    static boolean timedOut(Deployment d, DeploymentStatus status, Instant now) {
        if (!DeploymentSpecs.hasProgressDeadline(d)) {
            return false;
        }
        Optional<DeploymentCondition> c = CONDITIONS.find(status.getConditions(), DeploymentConditions.PROGRESSING);
        if (c.isEmpty() || DeploymentConditions.NEW_RS_AVAILABLE.equals(c.get().getReason())) {
            return false;
        }
        if (DeploymentConditions.TIMED_OUT.equals(c.get().getReason())) {
            return true;
        }
        Instant from = Timestamps.parse(c.get().getLastUpdateTime());
        return from != null && from.plusSeconds(d.getSpec().getProgressDeadlineSeconds()).isBefore(now);
    }

    /**
     * requeueStuckDeployment: when to look again so a stalled rollout is declared timed out on
     * time; empty when no deadline is running.
     */
    static Optional<Duration> recheckDeadlineIn(Deployment d, DeploymentStatus status, Instant now) {
        Optional<DeploymentCondition> c = CONDITIONS.find(status.getConditions(), DeploymentConditions.PROGRESSING);
        if (!DeploymentSpecs.hasProgressDeadline(d) || c.isEmpty() || !"True".equals(c.get().getStatus())
                || DeploymentConditions.NEW_RS_AVAILABLE.equals(c.get().getReason()) || complete(d, status)) {
            return Optional.empty();
        }
        Instant from = Timestamps.parse(c.get().getLastUpdateTime());
        if (from == null) {
            return Optional.empty();
        }
        Duration after = Duration.between(now, from.plusSeconds(d.getSpec().getProgressDeadlineSeconds()));
        return Optional.of(after.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ZERO : after.plusSeconds(1));
    }

    /** Equal as the API would store them (zero counts are omitted). */
    static boolean same(DeploymentStatus a, DeploymentStatus b) {
        DeploymentStatus x = a == null ? new DeploymentStatus() : a;
        return zero(x.getReplicas()) == zero(b.getReplicas())
                && zero(x.getUpdatedReplicas()) == zero(b.getUpdatedReplicas())
                && zero(x.getReadyReplicas()) == zero(b.getReadyReplicas())
                && zero(x.getAvailableReplicas()) == zero(b.getAvailableReplicas())
                && zero(x.getUnavailableReplicas()) == zero(b.getUnavailableReplicas())
                && Objects.equals(x.getObservedGeneration(), b.getObservedGeneration())
                && Objects.equals(x.getCollisionCount(), b.getCollisionCount())
                && Objects.equals(emptyToNull(x.getConditions()), emptyToNull(b.getConditions()));
    }

    private static int zero(Integer value) {
        return value == null ? 0 : value;
    }

    private static Integer nullIfZero(int value) {
        return value == 0 ? null : value;
    }

    private static <C> List<C> emptyToNull(List<C> list) {
        return list == null || list.isEmpty() ? null : list;
    }
}
