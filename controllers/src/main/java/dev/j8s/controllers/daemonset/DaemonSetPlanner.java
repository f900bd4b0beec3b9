package dev.j8s.controllers.daemonset;

import dev.j8s.controllers.framework.PodReadiness;
import dev.j8s.controllers.framework.Timestamps;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The pure decisions of one DaemonSet sync: which nodes need a pod and which pods must go
 * (daemon_controller.go podsShouldBeOnNode), and, once nothing is missing or misplaced, which old
 * pods a RollingUpdate replaces now (rolling_update.go rollingUpdate) within maxUnavailable or
 * maxSurge.
 */
final class DaemonSetPlanner {

    /** A node, whether it should run the daemon, and the daemon's non-terminating pods on it. */
    record NodeState(String node, DaemonNodeEligibility eligibility, List<Pod> pods, boolean terminatingPods) {}

    /** What to do now. */
    record Plan(List<String> nodesToCreate, List<Pod> podsToDelete) {
        static final Plan NOTHING = new Plan(List.of(), List.of());

        boolean isEmpty() {
            return nodesToCreate.isEmpty() && podsToDelete.isEmpty();
        }
    }

    /** The budgets of a rolling update in pods; OnDelete updates nothing by itself. */
    record Budget(boolean rolling, int maxUnavailable, int maxSurge) {}

    private DaemonSetPlanner() {}

    static Plan plan(List<NodeState> nodes, String hash, Budget budget, int minReadySeconds, Instant now) {
        Plan manage = manage(nodes, hash, budget.rolling() && budget.maxSurge() > 0);
        if (!manage.isEmpty() || !budget.rolling()) {
            return manage;
        }
        return budget.maxSurge() > 0 ? surge(nodes, hash, budget.maxSurge(), minReadySeconds, now)
                : replace(nodes, hash, budget.maxUnavailable(), minReadySeconds, now);
    }

    /** podsShouldBeOnNode over every node. */
    static Plan manage(List<NodeState> nodes, String hash, boolean surging) {
        List<String> create = new ArrayList<>();
        List<Pod> delete = new ArrayList<>();
        for (NodeState node : nodes) {
            List<Pod> running = new ArrayList<>();
            for (Pod pod : node.pods()) {
                String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
                // A failed (or, with RestartPolicy Always impossible, succeeded) daemon is replaced.
                if ("Failed".equals(phase) || "Succeeded".equals(phase)) {
                    delete.add(pod);
                } else {
                    running.add(pod);
                }
            }
            if (node.eligibility().shouldRun()) {
                if (node.pods().isEmpty() && !node.terminatingPods()) {
                    create.add(node.node());
                } else if (running.size() > 1) {
                    delete.addAll(surplus(running, hash, surging));
                }
            } else if (!node.eligibility().shouldContinueRunning()) {
                delete.addAll(node.pods());
            }
        }
        return new Plan(create, delete);
    }

    /**
     * More than one daemon pod on a node: keep the oldest, and while surging also the oldest
     * updated one (the rolling update removes the old pod once the new one is available).
     */
    private static List<Pod> surplus(List<Pod> running, String hash, boolean surging) {
        List<Pod> sorted = new ArrayList<>(running);
        sorted.sort(OLDEST_FIRST);
        List<Pod> keep = new ArrayList<>();
        if (surging) {
            sorted.stream().filter(p -> DaemonPods.isUpdated(p, hash)).findFirst().ifPresent(keep::add);
            sorted.stream().filter(p -> !DaemonPods.isUpdated(p, hash)).findFirst().ifPresent(keep::add);
        } else {
            keep.add(sorted.get(0));
        }
        return sorted.stream().filter(p -> !keep.contains(p)).toList();
    }

    /** maxSurge 0: delete old pods, unavailable ones first and freely, others within maxUnavailable. */
    static Plan replace(List<NodeState> nodes, String hash, int maxUnavailable, int minReady, Instant now) {
        int unavailable = 0;
        List<Pod> allowed = new ArrayList<>();
        List<Pod> candidates = new ArrayList<>();
        for (NodeState node : sortedByName(nodes)) {
            if (!node.eligibility().shouldRun() || node.pods().isEmpty()) {
                continue;
            }
            Pod pod = node.pods().get(0);
            boolean available = PodReadiness.isAvailable(pod, minReady, now);
            if (DaemonPods.isUpdated(pod, hash)) {
                unavailable += available ? 0 : 1;
            } else if (!available) {
                allowed.add(pod);
            } else {
                candidates.add(pod);
            }
        }
        int room = Math.max(0, Math.min(maxUnavailable - unavailable, candidates.size()));
        List<Pod> delete = new ArrayList<>(allowed);
        delete.addAll(candidates.subList(0, room));
        return new Plan(List.of(), delete);
    }

    /**
     * maxSurge &gt; 0: start an updated pod next to an old one within maxSurge (at once where the old
     * one is unavailable anyway), and delete the old pod once its successor is available.
     */
    static Plan surge(List<NodeState> nodes, String hash, int maxSurge, int minReady, Instant now) {
        int surging = 0;
        List<String> allowed = new ArrayList<>();
        List<String> candidates = new ArrayList<>();
        List<Pod> delete = new ArrayList<>();
        for (NodeState node : sortedByName(nodes)) {
            if (!node.eligibility().shouldRun() || node.pods().isEmpty()) {
                continue;
            }
            Pod updated = node.pods().stream().filter(p -> DaemonPods.isUpdated(p, hash)).findFirst().orElse(null);
            Pod old = node.pods().stream().filter(p -> !DaemonPods.isUpdated(p, hash)).findFirst().orElse(null);
            if (old == null) {
                continue;
            }
            if (updated == null) {
                if (!PodReadiness.isAvailable(old, minReady, now)) {
                    allowed.add(node.node());
                } else {
                    candidates.add(node.node());
                }
            } else if (PodReadiness.isAvailable(updated, minReady, now)) {
                delete.add(old);
            } else {
                surging++;
            }
        }
        int room = Math.max(0, Math.min(maxSurge - surging, candidates.size()));
        List<String> create = new ArrayList<>(allowed);
        create.addAll(candidates.subList(0, room));
        return new Plan(create, delete);
    }

    private static List<NodeState> sortedByName(List<NodeState> nodes) {
        return nodes.stream().sorted(Comparator.comparing(NodeState::node)).toList();
    }

    private static final Comparator<Pod> OLDEST_FIRST = Comparator
            .comparing((Pod p) -> {
                Instant created = Timestamps.parse(p.getMetadata().getCreationTimestamp());
                return created == null ? Instant.MAX : created;
            })
            .thenComparing(p -> p.getMetadata().getName());
}
