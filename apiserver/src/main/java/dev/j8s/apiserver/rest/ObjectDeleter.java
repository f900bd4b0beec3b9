package dev.j8s.apiserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.j8s.api.ApiException;
import dev.j8s.api.ResourceRegistry;
import dev.j8s.api.ResourceType;
import java.time.Clock;
import java.time.Instant;

/**
 * DELETE: preconditions, finalizers and graceful deletion. An object with finalizers (or a pod
 * bound to a node, which its agent must stop first) only gets a {@code deletionTimestamp}; anything
 * else is removed at once. Deleting a namespace removes everything in it.
 */
public final class ObjectDeleter {

    /** A delete's outcome: the object, and whether it is gone (200) or still pending (202). */
    public record Result(ObjectNode object, boolean finished) {}

    private final ObjectStore objects;
    private final ResourceRegistry registry;
    private final Clock clock;

    public ObjectDeleter(ObjectStore objects, ResourceRegistry registry, Clock clock) {
        this.objects = objects;
        this.registry = registry;
        this.clock = clock;
    }

    public Result delete(ResourceType type, String namespace, String name, JsonNode options, boolean dryRun) {
        ObjectNode old = objects.require(type, namespace, name);
        checkPreconditions(type, name, old, options.path("preconditions"));
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
        if (type.kind().equals("Namespace")) {
            deleteNamespaceContents(name);
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

    private void deleteNamespaceContents(String namespace) {
        for (ResourceType t : registry.all()) {
            if (t.namespaced() && isStorageVersion(t)) {
                objects.deleteAll(ObjectStore.listPrefix(t, namespace));
            }
        }
    }

    /** Several versions of one resource share storage; visit each storage prefix once. */
    private boolean isStorageVersion(ResourceType t) {
        return registry.byGroupKind(t.group(), t.kind()).get(0).equals(t);
    }

    public Instant now() {
        return clock.instant();
    }
}
