package dev.j8s.apiserver.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.j8s.api.ResourceType;
import dev.j8s.apiserver.rest.ObjectStore;
import dev.j8s.store.KeyValue;
import java.util.Optional;

/**
 * Kubernetes' Priority admission plugin on pod create: {@code spec.priority} and {@code preemptionPolicy}
 * come from the pod's PriorityClass, or from the global default class, or are 0; a pod naming a class that
 * does not exist, or giving a priority of its own that differs, is refused.
 */
final class PriorityAdmission {

    private final ResourceType priorityClassType;
    private final ObjectStore objects;

    PriorityAdmission(ResourceType priorityClassType, ObjectStore objects) {
        this.priorityClassType = priorityClassType;
        this.objects = objects;
    }

    void admit(ResourceType type, ObjectNode pod) {
        if (!type.group().isEmpty() || !type.plural().equals("pods")) {
            return;
        }
        ObjectNode spec = pod.with("spec");
        String className = spec.path("priorityClassName").asText("");
        Optional<ObjectNode> priorityClass = className.isEmpty() ? globalDefault()
                : objects.get(priorityClassType, null, className);
        if (!className.isEmpty() && priorityClass.isEmpty()) {
            throw Denials.forbidden(type, pod, "no PriorityClass with name " + className + " was found");
        }
        int priority = priorityClass.map(c -> c.path("value").asInt(0)).orElse(0);
        JsonNode given = spec.get("priority");
        if (given != null && !given.isNull() && given.asInt() != priority) {
            throw Denials.forbidden(type, pod, "the integer value of priority (" + given.asInt() + ") must not be "
                    + "provided in pod spec; priority admission controller computed " + priority
                    + " from the given PriorityClass name");
        }
        priorityClass.ifPresent(c -> {
            spec.put("priorityClassName", c.path("metadata").path("name").asText());
            if (!spec.hasNonNull("preemptionPolicy")) {
                spec.put("preemptionPolicy", c.path("preemptionPolicy").asText("PreemptLowerPriority"));
            }
        });
        spec.put("priority", priority);
    }

    /** The class marked {@code globalDefault}; with several, the lowest value, as Kubernetes picks. */
    private Optional<ObjectNode> globalDefault() {
        ObjectNode best = null;
        for (KeyValue kv : objects.list(ObjectStore.listPrefix(priorityClassType, null), null, 0).items()) {
            ObjectNode c = ObjectStore.decode(kv);
            if (c.path("globalDefault").asBoolean(false)
                    && (best == null || c.path("value").asInt() < best.path("value").asInt())) {
                best = c;
            }
        }
        return Optional.ofNullable(best);
    }
}
