package dev.j8s.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** The READY, STATUS and RESTARTS texts of a pod, following kubectl's pod printer. */
final class PodStatusText {

    private PodStatusText() {}

    static String ready(JsonNode pod) {
        int total = pod.path("spec").path("containers").size();
        int ready = 0;
        for (JsonNode s : pod.path("status").path("containerStatuses")) {
            if (s.path("ready").asBoolean(false)) {
                ready++;
            }
        }
        return ready + "/" + total;
    }

    static String reason(JsonNode pod) {
        JsonNode status = pod.path("status");
        String reason = Cells.text(status.path("reason"), status.path("phase").asText("Pending"));
        int initTotal = pod.path("spec").path("initContainers").size();
        int i = 0;
        boolean initializing = false;
        for (JsonNode s : status.path("initContainerStatuses")) {
            JsonNode terminated = s.path("state").path("terminated");
            JsonNode waiting = s.path("state").path("waiting");
            if (!terminated.isMissingNode() && terminated.path("exitCode").asInt() == 0) {
                i++;
                continue;
            }
            if (!terminated.isMissingNode()) {
                reason = "Init:" + Cells.text(terminated.path("reason"), terminated.has("signal")
                        ? "Signal:" + terminated.path("signal").asText() : "ExitCode:" + terminated.path("exitCode").asText());
            } else if (!waiting.isMissingNode() && !waiting.path("reason").asText("").isEmpty()
                    && !waiting.path("reason").asText().equals("PodInitializing")) {
                reason = "Init:" + waiting.path("reason").asText();
            } else {
                reason = "Init:" + i + "/" + initTotal;
            }
            initializing = true;
            break;
        }
        if (!initializing) {
            boolean hasRunning = false;
            for (JsonNode s : status.path("containerStatuses")) {
                JsonNode waiting = s.path("state").path("waiting");
                JsonNode terminated = s.path("state").path("terminated");
                if (!waiting.path("reason").asText("").isEmpty()) {
                    reason = waiting.path("reason").asText();
                } else if (!terminated.path("reason").asText("").isEmpty()) {
                    reason = terminated.path("reason").asText();
                } else if (!terminated.isMissingNode()) {
                    reason = terminated.has("signal") ? "Signal:" + terminated.path("signal").asText()
                            : "ExitCode:" + terminated.path("exitCode").asText();
                } else if (s.path("ready").asBoolean(false) && !s.path("state").path("running").isMissingNode()) {
                    hasRunning = true;
                }
            }
            if (reason.equals("Completed") && hasRunning) {
                reason = "Running";
            }
        }
        if (pod.path("metadata").hasNonNull("deletionTimestamp")) {
            reason = status.path("reason").asText("").equals("NodeLost") ? "Unknown" : "Terminating";
        }
        return reason;
    }

    static String restarts(JsonNode pod, Instant now) {
        long restarts = 0;
        Instant last = null;
        for (JsonNode s : pod.path("status").path("containerStatuses")) {
            restarts += s.path("restartCount").asLong(0);
            JsonNode finished = s.path("lastState").path("terminated").path("finishedAt");
            if (finished.isTextual()) {
                Instant t = Instant.parse(finished.asText());
                if (last == null || t.isAfter(last)) {
                    last = t;
                }
            }
        }
        if (restarts > 0 && last != null) {
            return restarts + " (" + Ages.human(java.time.Duration.between(last, now)) + " ago)";
        }
        return Long.toString(restarts);
    }

    static String readinessGates(JsonNode pod) {
        JsonNode gates = pod.path("spec").path("readinessGates");
        if (gates.isEmpty()) {
            return Cells.NONE;
        }
        int ready = 0;
        for (JsonNode gate : gates) {
            for (JsonNode c : pod.path("status").path("conditions")) {
                if (c.path("type").asText().equals(gate.path("conditionType").asText())
                        && c.path("status").asText().equals("True")) {
                    ready++;
                }
            }
        }
        return ready + "/" + gates.size();
    }
}
