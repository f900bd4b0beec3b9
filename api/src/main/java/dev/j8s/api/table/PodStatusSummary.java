package dev.j8s.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What kubectl shows about a pod's containers: READY "ready/total", the STATUS reason and the RESTARTS
 * count with the time of the last restart. Follows the Kubernetes pod printer: init container problems
 * win ("Init:CrashLoopBackOff", "Init:0/2"), then the last container with a waiting or terminated reason
 * ("ContainerCreating", "CrashLoopBackOff", "Completed", "ExitCode:1"), then the phase; a pod being deleted
 * reads "Terminating" (or "Unknown" when its node was lost).
 */
record PodStatusSummary(long readyContainers, long totalContainers, String reason, long restarts,
                        Optional<Instant> lastRestart) {

    private static final String RESTART_ALWAYS = "Always";

    static PodStatusSummary of(JsonNode pod) {
        return new Builder(pod).build();
    }

    /** The mutable walk over the container statuses, kept out of the record. */
    private static final class Builder {
        private final JsonNode pod;
        private final String phase;
        private final Map<String, JsonNode> initContainers = new HashMap<>();
        private long ready;
        private long total;
        private String reason;
        private long restarts;
        private Instant lastRestart;

        Builder(JsonNode pod) {
            this.pod = pod;
            this.phase = Tree.text(pod, "status", "phase");
            String statusReason = Tree.text(pod, "status", "reason");
            this.reason = statusReason.isEmpty() ? phase : statusReason;
            this.total = Tree.size(pod, "spec", "containers");
        }

        PodStatusSummary build() {
            for (JsonNode condition : Tree.items(pod, "status", "conditions")) {
                if (Tree.text(condition, "type").equals("PodScheduled")
                        && Tree.text(condition, "reason").equals("SchedulingGated")) {
                    reason = "SchedulingGated";
                }
            }
            for (JsonNode container : Tree.items(pod, "spec", "initContainers")) {
                initContainers.put(Tree.text(container, "name"), container);
                if (isSidecar(container)) {
                    total++;
                }
            }
            boolean initializing = walkInitContainers();
            if (!initializing || conditionTrue("Initialized")) {
                walkContainers();
            }
            if (Tree.has(pod, "metadata", "deletionTimestamp")) {
                if (Tree.text(pod, "status", "reason").equals("NodeLost")) {
                    reason = "Unknown";
                } else if (!phase.equals("Succeeded") && !phase.equals("Failed")) {
                    reason = "Terminating";
                }
            }
            return new PodStatusSummary(ready, total, reason, restarts, Optional.ofNullable(lastRestart));
        }

        /** Returns whether the pod is still initializing; sets the "Init:..." reason if so. */
        private boolean walkInitContainers() {
            List<JsonNode> statuses = Tree.items(pod, "status", "initContainerStatuses");
            int declared = Tree.size(pod, "spec", "initContainers");
            for (int i = 0; i < statuses.size(); i++) {
                JsonNode status = statuses.get(i);
                long count = Tree.integer(status, "restartCount");
                restarts += count;
                lastRestart = later(lastRestart, lastTermination(status));
                boolean sidecar = isSidecar(initContainers.get(Tree.text(status, "name")));
                JsonNode terminated = Tree.at(status, "state", "terminated");
                JsonNode waiting = Tree.at(status, "state", "waiting");
                if (!terminated.isMissingNode() && Tree.integer(terminated, "exitCode") == 0) {
                    continue;
                }
                if (sidecar && Tree.bool(status, "started")) {
                    if (Tree.bool(status, "ready")) {
                        ready++;
                    }
                    continue;
                }
                if (!terminated.isMissingNode()) {
                    String terminatedReason = Tree.text(terminated, "reason");
                    reason = terminatedReason.isEmpty() ? "Init:" + exitText(terminated) : "Init:" + terminatedReason;
                } else if (!Tree.text(waiting, "reason").isEmpty()
                        && !Tree.text(waiting, "reason").equals("PodInitializing")) {
                    reason = "Init:" + Tree.text(waiting, "reason");
                } else {
                    reason = "Init:" + i + "/" + declared;
                }
                return true;
            }
            return false;
        }

        private void walkContainers() {
            // Only restarts of sidecars (restartable init containers) count once the pod is initialized.
            restarts = 0;
            lastRestart = null;
            for (JsonNode status : Tree.items(pod, "status", "initContainerStatuses")) {
                if (isSidecar(initContainers.get(Tree.text(status, "name")))) {
                    restarts += Tree.integer(status, "restartCount");
                    lastRestart = later(lastRestart, lastTermination(status));
                }
            }
            boolean hasRunning = false;
            List<JsonNode> statuses = Tree.items(pod, "status", "containerStatuses");
            // Walks backwards so the first container with a reason decides the status.
            for (int i = statuses.size() - 1; i >= 0; i--) {
                JsonNode status = statuses.get(i);
                restarts += Tree.integer(status, "restartCount");
                lastRestart = later(lastRestart, lastTermination(status));
                JsonNode terminated = Tree.at(status, "state", "terminated");
                String waitingReason = Tree.text(status, "state", "waiting", "reason");
                if (!waitingReason.isEmpty()) {
                    reason = waitingReason;
                } else if (!terminated.isMissingNode()) {
                    String terminatedReason = Tree.text(terminated, "reason");
                    reason = terminatedReason.isEmpty() ? exitText(terminated) : terminatedReason;
                } else if (Tree.bool(status, "ready") && Tree.has(status, "state", "running")) {
                    hasRunning = true;
                    ready++;
                }
            }
            if (reason.equals("Completed") && hasRunning) {
                reason = conditionTrue("Ready") ? "Running" : "NotReady";
            }
        }

        private boolean conditionTrue(String type) {
            for (JsonNode condition : Tree.items(pod, "status", "conditions")) {
                if (Tree.text(condition, "type").equals(type)) {
                    return Tree.text(condition, "status").equals("True");
                }
            }
            return false;
        }

        private static boolean isSidecar(JsonNode initContainer) {
            return initContainer != null && Tree.text(initContainer, "restartPolicy").equals(RESTART_ALWAYS);
        }

        private static String exitText(JsonNode terminated) {
            long signal = Tree.integer(terminated, "signal");
            return signal != 0 ? "Signal:" + signal : "ExitCode:" + Tree.integer(terminated, "exitCode");
        }

        private static Optional<Instant> lastTermination(JsonNode status) {
            return Timestamps.parse(Tree.at(status, "lastState", "terminated", "finishedAt"));
        }

        private static Instant later(Instant current, Optional<Instant> candidate) {
            if (candidate.isEmpty()) {
                return current;
            }
            return current == null || current.isBefore(candidate.get()) ? candidate.get() : current;
        }
    }
}
