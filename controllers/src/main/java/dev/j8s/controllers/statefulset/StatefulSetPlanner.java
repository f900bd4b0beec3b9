package dev.j8s.controllers.statefulset;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The pure decisions of one StatefulSet sync (stateful_set_control.go updateStatefulSet), on
 * ordinals and pod states only. With OrderedReady management (monotonic) it creates ordinal n+1
 * only once ordinals up to n are Running and Ready, and removes surplus ordinals from the highest
 * one at a time; with Parallel it creates and removes every slot at once. A RollingUpdate then
 * replaces one outdated pod at a time, from the highest ordinal down to the partition, each only
 * once the pods above it are healthy again.
 */
final class StatefulSetPlanner {

    /** What the cache shows of one ordinal. */
    enum PodState { MISSING, PENDING, HEALTHY, TERMINATING, FAILED }

    /** One ordinal: its pod's state and whether the pod runs the update revision. */
    record Slot(int ordinal, PodState state, boolean updated) {}

    record Action(Kind kind, int ordinal) {
        enum Kind { CREATE, DELETE }

        static Action create(int ordinal) {
            return new Action(Kind.CREATE, ordinal);
        }

        static Action delete(int ordinal) {
            return new Action(Kind.DELETE, ordinal);
        }
    }

    /** spec of the decision: Parallel or not, RollingUpdate or OnDelete, the partition (an index into replicas). */
    record Policy(boolean parallel, boolean rollingUpdate, int partition) {}

    private StatefulSetPlanner() {}

    /**
     * @param replicas the slots of the wanted ordinals, ascending
     * @param condemned the pods of ordinals beyond them (never MISSING), any order
     */
    static List<Action> plan(List<Slot> replicas, List<Slot> condemned, Policy policy) {
        boolean monotonic = !policy.parallel();
        List<Action> actions = new ArrayList<>();
        for (Slot slot : replicas) {
            switch (slot.state()) {
                case MISSING -> actions.add(Action.create(slot.ordinal()));
                // A failed pod is deleted and created again under the same name.
                case FAILED -> actions.add(Action.delete(slot.ordinal()));
                case TERMINATING, PENDING -> { }
                case HEALTHY -> {
                    continue;
                }
            }
            if (monotonic) {
                return actions;
            }
        }
        List<Slot> descending = condemned.stream().sorted(Comparator.comparingInt(Slot::ordinal).reversed()).toList();
        Slot firstUnhealthy = descending.stream().filter(s -> s.state() != PodState.HEALTHY).findFirst().orElse(null);
        for (Slot slot : descending) {
            if (slot.state() == PodState.TERMINATING) {
                if (monotonic) {
                    return actions;
                }
                continue;
            }
            // OrderedReady: while some pod is unhealthy, only that pod may be removed.
            if (monotonic && firstUnhealthy != null && slot != firstUnhealthy) {
                return actions;
            }
            actions.add(Action.delete(slot.ordinal()));
            if (monotonic) {
                return actions;
            }
        }
        if (!policy.rollingUpdate()) {
            return actions;
        }
        for (int index = replicas.size() - 1; index >= Math.max(0, policy.partition()); index--) {
            Slot slot = replicas.get(index);
            if (slot.state() == PodState.MISSING) {
                continue;
            }
            if (!slot.updated() && slot.state() != PodState.TERMINATING) {
                if (actions.contains(Action.delete(slot.ordinal()))) {
                    return actions;
                }
                actions.add(Action.delete(slot.ordinal()));
                return actions;
            }
            if (slot.state() != PodState.HEALTHY) {
                return actions;
            }
        }
        return actions;
    }
}
