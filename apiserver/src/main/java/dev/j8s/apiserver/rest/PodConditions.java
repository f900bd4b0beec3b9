package dev.j8s.apiserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Sets a condition in a pod's {@code status.conditions} as Kubernetes' {@code UpdatePodCondition}
 * does: the lastTransitionTime moves only when the condition's status changes.
 */
final class PodConditions {

    private PodConditions() {}

    /** Adds or replaces the condition of {@code type}; reason and message may be null. */
    static void set(ObjectNode pod, String type, String status, String reason, String message, String now) {
        ArrayNode conditions = pod.with("status").withArray("conditions");
        ObjectNode condition = null;
        for (JsonNode c : conditions) {
            if (c.path("type").asText().equals(type) && c instanceof ObjectNode o) {
                condition = o;
            }
        }
        if (condition == null) {
            condition = conditions.addObject().put("type", type);
        }
        if (!status.equals(condition.path("status").asText()) || !condition.has("lastTransitionTime")) {
            condition.put("lastTransitionTime", now);
        }
        condition.put("status", status);
        condition.putNull("lastProbeTime");
        putOrRemove(condition, "reason", reason);
        putOrRemove(condition, "message", message);
    }

    private static void putOrRemove(ObjectNode condition, String field, String value) {
        if (value == null) {
            condition.remove(field);
        } else {
            condition.put(field, value);
        }
    }
}
