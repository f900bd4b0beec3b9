package dev.j8s.apiserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.j8s.api.ApiException;
import dev.j8s.api.ResourceType;
import dev.j8s.apiserver.gc.GarbageCollector;
import java.time.Clock;

/**
 * DELETE: preconditions, finalizers and graceful deletion. An object with finalizers (or a pod
 * bound to a node, which its agent must stop first) only gets a {@code deletionTimestamp}; anything
 * else is removed at once. Deleting a namespace removes everything in it.
 */
public final class ObjectDeleter {

    /** A delete's outcome: the object, and whether it is gone (200) or still pending (202). */
    public record Result(ObjectNode object, boolean finished) {}

    private final ObjectStore objects;
    private final Clock clock;
    private final NamespaceTerminator terminator;
    private final GarbageCollector collector;

    public ObjectDeleter(ObjectStore objects, Clock clock, NamespaceTerminator terminator, GarbageCollector collector) {
        this.objects = objects;
        this.clock = clock;
        this.terminator = terminator;
        this.collector = collector;
        terminator.attach(this);
    }

    public Result delete(ResourceType type, String namespace, String name, JsonNode options, boolean dryRun) {
        ObjectNode old = objects.require(type, namespace, name);
        checkPreconditions(type, name, old, options.path("preconditions"));
        if (type.kind().equals("Namespace") && type.group().isEmpty()) {
            return terminate(type, name, old, dryRun);
        }
        String policy = propagationPolicy(options);
        if (policy.equals("Foreground")) {
            return foreground(type, old, dryRun);
        }
        if (policy.equals("Orphan") && !dryRun) {
            collector.orphan(Objects.uid(old));
        }
        long grace = gracePeriod(type, old, options);
        if (grace > 0 || Objects.hasFinalizers(old)) {
            if (Objects.isDeleting(old)) {
                return new Result(old, false);
            }
            ObjectNode marked = old.deepCopy();
            ObjectNode meta = Objects.metadata(marked);
            meta.put("deletionTimestamp", ObjectMetaPreparer.timestamp(clock.instant().plusSeconds(grace)));
            meta.put("deletionGracePeriodSeconds", grace);
            if (dryRun) {
                return new Result(marked, false);
            }
            return new Result(objects.update(type, marked, Objects.resourceVersion(old)), false);
        }
        if (dryRun) {
            return new Result(old, true);
        }
        ObjectNode deleted = objects.delete(type, namespace, name, Objects.resourceVersion(old));
        return new Result(deleted, true);
    }

    /**
     * Pods bound to a node get the requested (or their own) grace period so the node agent can stop
     * them; everything else is deleted immediately unless it has finalizers.
     */
    private static long gracePeriod(ResourceType type, ObjectNode old, JsonNode options) {
        if (!type.kind().equals("Pod") || type.group().length() > 0) {
            return 0;
        }
        String node = old.path("spec").path("nodeName").asText("");
        String phase = old.path("status").path("phase").asText("");
        if (node.isEmpty() || phase.equals("Succeeded") || phase.equals("Failed")) {
            return 0;
        }
        if (options.has("gracePeriodSeconds") && !options.get("gracePeriodSeconds").isNull()) {
            return Math.max(0, options.get("gracePeriodSeconds").asLong());
        }
        return old.path("spec").path("terminationGracePeriodSeconds").asLong(30);
    }

    private static void checkPreconditions(ResourceType type, String name, ObjectNode old, JsonNode preconditions) {
        String uid = preconditions.path("uid").asText("");
        if (!uid.isEmpty() && !uid.equals(Objects.uid(old))) {
            throw ApiException.conflict(type.group(), type.plural(), name, "Precondition failed: UID in precondition: "
                    + uid + ", UID in object meta: " + Objects.uid(old));
        }
        String rv = preconditions.path("resourceVersion").asText("");
        if (!rv.isEmpty() && !rv.equals(Long.toString(Objects.resourceVersion(old)))) {
            throw ApiException.conflict(type.group(), type.plural(), name,
                    "Precondition failed: ResourceVersion in precondition: " + rv
                            + ", ResourceVersion in object meta: " + Objects.resourceVersion(old));
        }
    }

    /** Background unless the request asks otherwise (also through the legacy orphanDependents flag). */
    private static String propagationPolicy(JsonNode options) {
        JsonNode policy = options.path("propagationPolicy");
        if (policy.isTextual()) {
            return policy.asText();
        }
        return options.path("orphanDependents").asBoolean(false) ? "Orphan" : "Background";
    }

    /** Foreground: the owner waits, marked and finalized, until the collector has removed its dependents. */
    private Result foreground(ResourceType type, ObjectNode old, boolean dryRun) {
        ObjectNode marked = old.deepCopy();
        ObjectNode meta = Objects.metadata(marked);
        if (!Objects.isDeleting(old)) {
            meta.put("deletionTimestamp", ObjectMetaPreparer.timestamp(clock.instant()));
            meta.put("deletionGracePeriodSeconds", 0);
        }
        com.fasterxml.jackson.databind.node.ArrayNode finalizers = meta.withArray("finalizers");
        boolean present = false;
        for (JsonNode f : finalizers) {
            present |= f.asText().equals(GarbageCollector.FOREGROUND);
        }
        if (!present) {
            finalizers.add(GarbageCollector.FOREGROUND);
        }
        if (dryRun || marked.equals(old)) {
            return new Result(marked, false);
        }
        return new Result(objects.update(type, marked, Objects.resourceVersion(old)), false);
    }

    /** A namespace becomes Terminating; its contents and then the namespace go away in the background. */
    private Result terminate(ResourceType type, String name, ObjectNode old, boolean dryRun) {
        if (Objects.isDeleting(old)) {
            return new Result(old, false);
        }
        ObjectNode marked = old.deepCopy();
        Objects.metadata(marked).put("deletionTimestamp", ObjectMetaPreparer.timestamp(clock.instant()));
        Objects.metadata(marked).put("deletionGracePeriodSeconds", 0);
        marked.with("status").put("phase", "Terminating");
        if (dryRun) {
            return new Result(marked, false);
        }
        ObjectNode updated = objects.update(type, marked, Objects.resourceVersion(old));
        terminator.terminate(name);
        return new Result(updated, false);
    }
}
