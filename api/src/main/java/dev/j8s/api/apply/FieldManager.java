package dev.j8s.api.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.j8s.api.ApiException;
import dev.j8s.api.Json;
import dev.j8s.api.StatusCause;
import dev.j8s.api.apply.ManagedFields.Entry;
import dev.j8s.api.apply.ManagedFields.Manager;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Field ownership, as Kubernetes tracks it in {@code metadata.managedFields}: every write names a field
 * manager; an update gives its manager the fields it changed (taking them from others), and a server-side
 * apply makes its manager own exactly the fields of its configuration, fails with a conflict when it would
 * change a value someone else owns (unless forced), and removes the fields it applied before and no longer
 * applies.
 */
public final class FieldManager {

    /**
     * Where a write lands.
     *
     * @param subresource           null for the object itself, "status" for the status subresource
     * @param hasStatusSubresource  whether status is written only through the subresource (then the object's
     *                              own writers never own status, and status writers own only status)
     */
    public record Target(FieldSchema schema, String apiVersion, String subresource, boolean hasStatusSubresource) {}

    /** Fields the server sets or that identify the object: nobody owns them (Kubernetes' stripped meta fields). */
    private static final FieldSet SERVER_FIELDS = serverFields();

    private FieldManager() {}

    /**
     * Records a create ({@code old} null), update or non-apply patch by {@code manager} in {@code updated}'s
     * managedFields. ManagedFields the request itself carries replace the stored ones (a single empty entry
     * clears them), as in Kubernetes.
     */
    public static void update(ObjectNode old, ObjectNode updated, String manager, Target target, String now) {
        ManagedFields managed = base(old, updated);
        ObjectComparison change = ObjectComparison.of(old == null ? Json.object() : old, updated, target.schema());
        FieldSet changed = tracked(change.changed(), target);
        FieldSet removed = tracked(change.removed(), target);
        Manager me = Manager.updater(manager, target.apiVersion(), target.subresource());
        for (Map.Entry<Manager, Entry> e : managed.entries().entrySet()) {
            if (!e.getKey().equals(me)) {
                Entry entry = e.getValue();
                e.setValue(new Entry(entry.apiVersion(), entry.time(),
                        entry.fields().difference(removed).difference(changed)));
            }
        }
        Entry previous = managed.entries().get(me);
        FieldSet mine = previous == null ? changed : previous.fields().difference(removed).union(changed);
        String time = changed.isEmpty() && previous != null ? previous.time() : now;
        managed.entries().put(me, new Entry(target.apiVersion(), time, mine));
        metadata(updated).set("managedFields", managed.encode());
    }

    /**
     * Server-side apply of {@code config} by {@code manager} to {@code live} (null when the object does not
     * exist yet). Returns the merged object with its managedFields.
     *
     * @throws ApiException 409 Conflict naming the conflicting managers and fields, unless {@code force}
     */
    public static ObjectNode apply(ObjectNode live, ObjectNode config, String manager, boolean force, Target target,
                                   String now) {
        ObjectNode base = live == null ? Json.object() : live;
        ManagedFields managed;
        FieldSet configured;
        try {
            managed = live == null ? ManagedFields.empty() : ManagedFields.decode(metadata(live).get("managedFields"));
            configured = tracked(ObjectFields.of(config, target.schema()), target);
        } catch (InvalidFieldsException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        ObjectNode configWithoutManaged = config.deepCopy();
        metadata(configWithoutManaged).remove("managedFields");
        ObjectNode merged = (ObjectNode) ApplyMerge.merge(base, configWithoutManaged, target.schema());
        Manager me = Manager.applier(manager, target.subresource());

        FieldSet changed = tracked(ObjectComparison.of(base, merged, target.schema()).changed(), target);
        Map<Manager, FieldSet> conflicts = new LinkedHashMap<>();
        managed.entries().forEach((m, entry) -> {
            FieldSet overlap = m.equals(me) ? FieldSet.empty() : entry.fields().intersection(changed);
            if (!overlap.isEmpty()) {
                conflicts.put(m, overlap);
            }
        });
        if (!conflicts.isEmpty() && !force) {
            throw conflict(conflicts);
        }
        conflicts.forEach((m, overlap) -> {
            Entry entry = managed.entries().get(m);
            managed.entries().put(m, new Entry(entry.apiVersion(), entry.time(), entry.fields().difference(overlap)));
        });

        Entry previous = managed.entries().get(me);
        if (previous != null) {
            FieldRemover.remove(merged, unclaimed(previous.fields().difference(configured), managed, me),
                    target.schema());
        }
        FieldSet removed = tracked(ObjectComparison.of(base, merged, target.schema()).removed(), target);
        managed.entries().replaceAll((m, entry) -> m.equals(me) ? entry
                : new Entry(entry.apiVersion(), entry.time(), entry.fields().difference(removed)));
        boolean unchanged = previous != null && previous.fields().equals(configured) && merged.equals(base);
        managed.entries().put(me, new Entry(target.apiVersion(), unchanged ? previous.time() : now, configured));
        metadata(merged).set("managedFields", managed.encode());
        return merged;
    }

    /** The fields an applier dropped that no other manager owns (at or below): those are removed. */
    private static FieldSet unclaimed(FieldSet dropped, ManagedFields managed, Manager me) {
        FieldSet result = FieldSet.empty();
        dropped.forEachPath(path -> {
            boolean claimed = managed.entries().entrySet().stream()
                    .anyMatch(e -> !e.getKey().equals(me) && e.getValue().fields().hasAtOrBelow(path));
            if (!claimed) {
                result.insert(path);
            }
        });
        return result;
    }

    private static ManagedFields base(ObjectNode old, ObjectNode updated) {
        JsonNode given = metadata(updated).get("managedFields");
        JsonNode stored = old == null ? null : metadata(old).get("managedFields");
        JsonNode source = given != null && given.isArray() && !given.isEmpty() && !given.equals(stored) ? given : stored;
        if (source == given && given != null && given.size() == 1 && given.get(0).isEmpty()) {
            return ManagedFields.empty();
        }
        try {
            return ManagedFields.decode(source);
        } catch (InvalidFieldsException e) {
            if (source == given) {
                throw ApiException.badRequest("metadata.managedFields: Invalid value: " + e.getMessage());
            }
            // Unreadable stored ownership is reset, as Kubernetes does, rather than blocking every write.
            return ManagedFields.empty();
        }
    }

    private static FieldSet tracked(FieldSet fields, Target target) {
        FieldSet owned = fields.recursiveDifference(SERVER_FIELDS);
        if (!target.hasStatusSubresource()) {
            return owned;
        }
        String status = PathElement.field("status");
        if ("status".equals(target.subresource())) {
            return owned.restrictTo(status);
        }
        return owned.recursiveDifference(only(status));
    }

    private static FieldSet only(String element) {
        FieldSet set = FieldSet.empty();
        set.insert(List.of(element));
        return set;
    }

    private static FieldSet serverFields() {
        FieldSet set = FieldSet.empty();
        set.insert(List.of(PathElement.field("apiVersion")));
        set.insert(List.of(PathElement.field("kind")));
        for (String f : List.of("name", "namespace", "uid", "resourceVersion", "generation", "creationTimestamp",
                "selfLink", "managedFields", "deletionTimestamp", "deletionGracePeriodSeconds")) {
            set.insert(List.of(PathElement.field("metadata"), PathElement.field(f)));
        }
        return set;
    }

    /** 409 with Kubernetes' message: "Apply failed with 1 conflict: conflict with "m" using v1: .data.x". */
    private static ApiException conflict(Map<Manager, FieldSet> conflicts) {
        List<StatusCause> causes = new ArrayList<>();
        List<Map.Entry<Manager, FieldSet>> sorted = new ArrayList<>(conflicts.entrySet());
        sorted.sort(Comparator.comparing((Map.Entry<Manager, FieldSet> e) -> e.getKey().name())
                .thenComparing(e -> e.getKey().operation()));
        List<String> lines = new ArrayList<>();
        for (var e : sorted) {
            List<String> paths = e.getValue().paths().stream().map(PathElement::describe).toList();
            lines.add("conflicts with " + e.getKey().describe() + ":");
            for (String p : paths) {
                lines.add("- " + p);
                causes.add(new StatusCause("FieldManagerConflict", "conflict with " + e.getKey().describe(), p));
            }
        }
        String message = causes.size() == 1
                ? "Apply failed with 1 conflict: " + causes.get(0).message() + ": " + causes.get(0).field()
                : "Apply failed with " + causes.size() + " conflicts: " + String.join("\n", lines);
        return new ApiException(409, "Conflict", message, null, null, null, causes, null);
    }

    /** The metadata object of an object, created when missing. */
    private static ObjectNode metadata(ObjectNode object) {
        JsonNode meta = object.get("metadata");
        return meta instanceof ObjectNode o ? o : object.putObject("metadata");
    }
}
