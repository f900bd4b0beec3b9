package dev.j8s.controllers.statefulset;

import dev.j8s.client.ApiStatusException;
import dev.j8s.client.ResourceClient;
import dev.j8s.client.events.EventRecorder;
import dev.j8s.client.informer.Indexer;
import dev.j8s.controllers.framework.ControllerRevisions;
import dev.j8s.controllers.framework.Copies;
import dev.j8s.controllers.framework.PodClaims;
import dev.j8s.controllers.framework.PodReadiness;
import dev.j8s.controllers.framework.Reconciler;
import dev.j8s.controllers.framework.RevisionHistory;
import dev.j8s.controllers.framework.Selectors;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import io.fabric8.kubernetes.api.model.apps.StatefulSetUpdateStrategy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;

/**
 * One StatefulSet brought to its ordinals (stateful_set.go sync + stateful_set_control.go): record
 * the template as a ControllerRevision, claim the pods, carry out the {@link StatefulSetPlanner}'s
 * actions (claims before their pod), trim the history and write the status.
 */
final class StatefulSetReconciler implements Reconciler {

    private final Indexer<StatefulSet> sets;
    private final Indexer<Pod> pods;
    private final ResourceClient<StatefulSet> setClient;
    private final ResourceClient<Pod> podClient;
    private final ResourceClient<PersistentVolumeClaim> claimClient;
    private final RevisionHistory history;
    private final PodClaims podClaims;
    private final EventRecorder recorder;
    private final Clock clock;

    StatefulSetReconciler(Indexer<StatefulSet> sets, Indexer<Pod> pods, ResourceClient<StatefulSet> setClient,
                          ResourceClient<Pod> podClient, ResourceClient<PersistentVolumeClaim> claimClient,
                          RevisionHistory history, EventRecorder recorder, Clock clock) {
        this.sets = sets;
        this.pods = pods;
        this.setClient = setClient;
        this.podClient = podClient;
        this.claimClient = claimClient;
        this.history = history;
        this.podClaims = new PodClaims(podClient);
        this.recorder = recorder;
        this.clock = clock;
    }

    @Override
    public Result reconcile(String key) throws Exception {
        StatefulSet set = sets.get(key);
        if (set == null || set.getMetadata().getDeletionTimestamp() != null) {
            return Result.done();
        }
        Integer collisions = set.getStatus() == null ? null : set.getStatus().getCollisionCount();
        RevisionHistory.Snapshot revisions = history.sync(set, set.getSpec().getTemplate(), collisions);
        ControllerRevision update = revisions.current();
        ControllerRevision current = currentRevision(set, revisions.revisions()).orElse(update);
        Map<Integer, Pod> byOrdinal = new TreeMap<>();
        for (Pod pod : podClaims.claim(set, Selectors.of(set.getSpec().getSelector()), pods)) {
            // Pods the set selects but whose names are not <set>-<ordinal> are not its members.
            OptionalInt ordinal = StatefulPods.ordinal(set, pod);
            if (ordinal.isPresent()) {
                byOrdinal.put(ordinal.getAsInt(), pod);
            }
        }
        int minReady = set.getSpec().getMinReadySeconds() == null ? 0 : set.getSpec().getMinReadySeconds();
        Instant now = clock.instant();
        List<StatefulSetPlanner.Slot> replicas = new ArrayList<>();
        List<StatefulSetPlanner.Slot> condemned = new ArrayList<>();
        int start = startOrdinal(set);
        int end = start + replicas(set);
        for (int ordinal = start; ordinal < end; ordinal++) {
            replicas.add(slot(ordinal, byOrdinal.get(ordinal), update, minReady, now));
        }
        byOrdinal.forEach((ordinal, pod) -> {
            if (ordinal < start || ordinal >= end) {
                condemned.add(slot(ordinal, pod, update, minReady, now));
            }
        });
        for (StatefulSetPlanner.Action action : StatefulSetPlanner.plan(replicas, condemned, policy(set))) {
            switch (action.kind()) {
                case CREATE -> create(set, action.ordinal(), action.ordinal() - start < partitionOf(set)
                        ? current : update);
                case DELETE -> delete(set, byOrdinal.get(action.ordinal()));
            }
        }
        Set<String> live = new HashSet<>(List.of(current.getMetadata().getName(), update.getMetadata().getName()));
        byOrdinal.values().forEach(p -> live.add(ControllerRevisions.hash(p)));
        history.truncate(revisions.revisions(), live, historyLimit(set));
        StatefulSetStatus status = StatefulSetStatusCalculator.calculate(set, List.copyOf(byOrdinal.values()),
                current.getMetadata().getName(), update.getMetadata().getName(), revisions.collisionCount(), minReady,
                now);
        if (!StatefulSetStatusCalculator.unchanged(set, status)) {
            StatefulSet copy = Copies.deepCopy(set);
            copy.setStatus(status);
            setClient.updateStatus(copy);
        }
        if (minReady > 0 && status.getReadyReplicas() > status.getAvailableReplicas()) {
            return Result.requeueAfter(Duration.ofSeconds(minReady));
        }
        return Result.done();
    }

    private static StatefulSetPlanner.Slot slot(int ordinal, Pod pod, ControllerRevision update, int minReady,
                                                Instant now) {
        if (pod == null) {
            return new StatefulSetPlanner.Slot(ordinal, StatefulSetPlanner.PodState.MISSING, false);
        }
        boolean updated = update.getMetadata().getName().equals(ControllerRevisions.hash(pod));
        return new StatefulSetPlanner.Slot(ordinal, state(pod, minReady, now), updated);
    }

    private static StatefulSetPlanner.PodState state(Pod pod, int minReady, Instant now) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        if (pod.getMetadata().getDeletionTimestamp() != null) {
            return StatefulSetPlanner.PodState.TERMINATING;
        }
        if ("Failed".equals(phase) || "Succeeded".equals(phase)) {
            return StatefulSetPlanner.PodState.FAILED;
        }
        return StatefulSetStatusCalculator.runningAndReady(pod) && PodReadiness.isAvailable(pod, minReady, now)
                ? StatefulSetPlanner.PodState.HEALTHY : StatefulSetPlanner.PodState.PENDING;
    }

    /** The revision status.currentRevision names, if it is still in the history. */
    private static java.util.Optional<ControllerRevision> currentRevision(StatefulSet set,
                                                                         List<ControllerRevision> revisions) {
        String name = set.getStatus() == null ? null : set.getStatus().getCurrentRevision();
        return revisions.stream().filter(r -> r.getMetadata().getName().equals(name)).findFirst();
    }

    /** createPersistentVolumeClaims then the pod: a claim that exists already is kept as it is. */
    private void create(StatefulSet set, int ordinal, ControllerRevision revision) {
        for (PersistentVolumeClaim claim : StatefulPods.claims(set, ordinal)) {
            try {
                claimClient.create(claim);
                recorder.event(set, EventRecorder.NORMAL, "SuccessfulCreate", "create Claim "
                        + claim.getMetadata().getName() + " Pod " + StatefulPods.podName(set, ordinal)
                        + " in StatefulSet " + set.getMetadata().getName() + " success");
            } catch (ApiStatusException e) {
                if (!e.isAlreadyExists()) {
                    recorder.event(set, EventRecorder.WARNING, "FailedCreate", "create Claim "
                            + claim.getMetadata().getName() + " for Pod " + StatefulPods.podName(set, ordinal)
                            + " in StatefulSet " + set.getMetadata().getName() + " failed error: " + e.getMessage());
                    throw e;
                }
            }
        }
        PodTemplateSpec template = ControllerRevisions.template(revision);
        Pod pod = StatefulPods.newPod(set, template, revision.getMetadata().getName(), ordinal);
        try {
            podClient.create(pod);
            recorder.event(set, EventRecorder.NORMAL, "SuccessfulCreate", "create Pod "
                    + pod.getMetadata().getName() + " in StatefulSet " + set.getMetadata().getName() + " successful");
        } catch (ApiStatusException e) {
            if (e.isAlreadyExists()) {
                return; // created by an earlier sync the cache has not shown yet
            }
            recorder.event(set, EventRecorder.WARNING, "FailedCreate", "create Pod " + pod.getMetadata().getName()
                    + " in StatefulSet " + set.getMetadata().getName() + " failed error: " + e.getMessage());
            throw e;
        }
    }

    private void delete(StatefulSet set, Pod pod) {
        try {
            podClient.delete(pod.getMetadata().getNamespace(), pod.getMetadata().getName(), null);
            recorder.event(set, EventRecorder.NORMAL, "SuccessfulDelete", "delete Pod "
                    + pod.getMetadata().getName() + " in StatefulSet " + set.getMetadata().getName() + " successful");
        } catch (ApiStatusException e) {
            if (!e.isNotFound()) {
                throw e;
            }
        }
    }

    private static StatefulSetPlanner.Policy policy(StatefulSet set) {
        StatefulSetUpdateStrategy strategy = set.getSpec().getUpdateStrategy();
        boolean rolling = strategy == null || !"OnDelete".equals(strategy.getType());
        return new StatefulSetPlanner.Policy("Parallel".equals(set.getSpec().getPodManagementPolicy()), rolling,
                partitionOf(set));
    }

    /** rollingUpdate.partition: ordinals (as indexes from the start ordinal) below it keep the current revision. */
    private static int partitionOf(StatefulSet set) {
        StatefulSetUpdateStrategy strategy = set.getSpec().getUpdateStrategy();
        if (strategy == null || "OnDelete".equals(strategy.getType()) || strategy.getRollingUpdate() == null
                || strategy.getRollingUpdate().getPartition() == null) {
            return 0;
        }
        return strategy.getRollingUpdate().getPartition();
    }

    private static int startOrdinal(StatefulSet set) {
        return set.getSpec().getOrdinals() == null || set.getSpec().getOrdinals().getStart() == null ? 0
                : set.getSpec().getOrdinals().getStart();
    }

    private static int replicas(StatefulSet set) {
        return set.getSpec().getReplicas() == null ? 1 : set.getSpec().getReplicas();
    }

    private static int historyLimit(StatefulSet set) {
        return set.getSpec().getRevisionHistoryLimit() == null ? 10 : set.getSpec().getRevisionHistoryLimit();
    }
}
