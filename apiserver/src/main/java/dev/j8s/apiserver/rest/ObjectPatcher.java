package dev.j8s.apiserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.j8s.api.ApiException;
import dev.j8s.api.ResourceType;
import dev.j8s.api.StatusCause;
import dev.j8s.api.apply.FieldManager;
import dev.j8s.api.patch.JsonPatch;
import dev.j8s.api.patch.MergePatch;
import dev.j8s.api.patch.StrategicMergePatch;
import java.util.List;

/**
 * PATCH: read the stored object, apply the patch, then write with compare-and-swap on the version
 * read. A patch that does not pin a resourceVersion is retried on conflict, as kube-apiserver does.
 */
public final class ObjectPatcher {

    public static final String JSON_PATCH = "application/json-patch+json";
    public static final String MERGE_PATCH = "application/merge-patch+json";
    public static final String STRATEGIC_MERGE_PATCH = "application/strategic-merge-patch+json";
    public static final String APPLY_PATCH = "application/apply-patch+yaml";

    private static final int MAX_ATTEMPTS = 5;

    private final ObjectStore objects;
    private final ObjectWriter writer;

    public ObjectPatcher(ObjectStore objects, ObjectWriter writer) {
        this.objects = objects;
        this.writer = writer;
    }

    public ObjectNode patch(ResourceType type, String namespace, String name, String subresource,
                            String contentType, byte[] body, WriteOptions options) {
        String patchType = BodyDecoder.mediaType(contentType);
        requireSupported(patchType, type.modelClass());
        boolean serverSideApply = patchType.equals(APPLY_PATCH);
        JsonNode patch = BodyDecoder.patch(body, serverSideApply);
        if (serverSideApply) {
            checkApplyRequest(type, patch, options);
        } else if (options.force()) {
            throw ApiException.invalid("meta.k8s.io", "PatchOptions", "", List.of(new StatusCause("FieldValueForbidden",
                    "Forbidden: may not be specified for non-apply patch", "force")));
        }
        for (int attempt = 1; ; attempt++) {
            ObjectNode old;
            ObjectNode patched;
            if (serverSideApply) {
                var existing = objects.get(type, namespace, name);
                if (existing.isEmpty()) {
                    return createFromApply(type, namespace, name, (ObjectNode) patch, options);
                }
                old = existing.get();
                patched = FieldManager.apply(old, (ObjectNode) patch, options.fieldManager(), options.force(),
                        ObjectWriter.fieldTarget(type, subresource), writer.meta().now());
            } else {
                old = objects.require(type, namespace, name);
                patched = apply(patchType, old, patch, type.modelClass());
            }
            Admission.checkFields(type, patched, options.fieldValidation(), options.warnings());
            boolean pinned = patch.path("metadata").has("resourceVersion");
            ObjectNode target = prepare(type, namespace, name, subresource, old, patched);
            try {
                return writer.store(type, target, old, subresource, serverSideApply ? options.asApplied() : options);
            } catch (ApiException e) {
                if (e.code() != 409 || !"Conflict".equals(e.reason()) || pinned || attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private ObjectNode prepare(ResourceType type, String namespace, String name, String subresource,
                               ObjectNode old, ObjectNode patched) {
        if ("status".equals(subresource)) {
            ObjectNode updated = writer.meta().statusUpdate(old, patched);
            if (patched.path("metadata").has("managedFields")) {
                // Server-side apply to status records its ownership in the patched object's metadata.
                Objects.metadata(updated).set("managedFields", patched.path("metadata").get("managedFields"));
            }
            Objects.metadata(updated).put("resourceVersion", Long.toString(Objects.resourceVersion(old)));
            return updated;
        }
        String patchedName = Objects.name(patched);
        if (patchedName != null && !patchedName.equals(name)) {
            throw ApiException.badRequest("metadata.name: Invalid value: \"" + patchedName
                    + "\": field is immutable");
        }
        long pinned = Objects.resourceVersion(patched);
        if (pinned != 0 && pinned != Objects.resourceVersion(old)) {
            throw ApiException.modified(type.group(), type.plural(), name);
        }
        ObjectWriter.checkTypeMeta(type, patched);
        patched.put("apiVersion", type.apiVersion());
        patched.put("kind", type.kind());
        Objects.metadata(patched).put("name", name);
        if (type.namespaced()) {
            Objects.metadata(patched).put("namespace", namespace);
        }
        writer.meta().prepareForUpdate(type, patched, old);
        return patched;
    }

    /** Rejects media types that are not patches, and strategic merge patch where there is no schema for it. */
    static void requireSupported(String patchType, Class<?> modelClass) {
        if (!patchType.equals(JSON_PATCH) && !patchType.equals(MERGE_PATCH)
                && !patchType.equals(STRATEGIC_MERGE_PATCH) && !patchType.equals(APPLY_PATCH)) {
            throw new ApiException(415, "UnsupportedMediaType", "the body of the request was in an unknown format - "
                    + "accepted media types include: " + JSON_PATCH + ", " + MERGE_PATCH + ", "
                    + STRATEGIC_MERGE_PATCH + ", " + APPLY_PATCH);
        }
        if (patchType.equals(STRATEGIC_MERGE_PATCH) && modelClass == null) {
            throw new ApiException(415, "UnsupportedMediaType", "strategic merge patch is not supported for "
                    + "custom resources");
        }
    }

    /**
     * Applies one patch of a supported media type to an object; {@code modelClass} gives strategic merge
     * patch its list strategies (null for custom resources).
     */
    static ObjectNode apply(String patchType, ObjectNode target, JsonNode patch, Class<?> modelClass) {
        JsonNode result = switch (patchType) {
            case JSON_PATCH -> JsonPatch.apply(target, patch);
            case MERGE_PATCH -> MergePatch.apply(target, patch);
            case STRATEGIC_MERGE_PATCH -> StrategicMergePatch.apply(target, patch, modelClass);
            // An apply patch to the scale subresource (no field ownership there) merges like a
            // strategic merge patch.
            default -> modelClass == null ? MergePatch.apply(target, patch)
                    : StrategicMergePatch.apply(target, patch, modelClass);
        };
        if (!(result instanceof ObjectNode object)) {
            throw ApiException.badRequest("the patch did not produce an object");
        }
        return object;
    }

    /**
     * An apply patch is a whole (partial) object of the endpoint's type, sent by a named field manager;
     * its unknown fields are dropped (or refused, with fieldValidation=Strict) before anyone owns them.
     */
    private static void checkApplyRequest(ResourceType type, JsonNode patch, WriteOptions options) {
        if (options.fieldManager() == null || options.fieldManager().isEmpty()) {
            throw ApiException.invalid("meta.k8s.io", "PatchOptions", "", List.of(new StatusCause("FieldValueRequired",
                    "Required value: is required for apply patch", "fieldManager")));
        }
        if (!(patch instanceof ObjectNode object)) {
            throw ApiException.badRequest("an apply patch must be an object");
        }
        if (object.path("apiVersion").asText("").isEmpty() || object.path("kind").asText("").isEmpty()) {
            throw ApiException.badRequest("apiVersion and kind must be set in an apply patch");
        }
        ObjectWriter.checkTypeMeta(type, object);
        Admission.checkFields(type, object, options.fieldValidation(), options.warnings());
    }

    private ObjectNode createFromApply(ResourceType type, String namespace, String name, ObjectNode patch,
                                       WriteOptions options) {
        String given = Objects.name(patch);
        if (given != null && !given.equals(name)) {
            throw ApiException.badRequest("the name of the object (" + given
                    + ") does not match the name on the URL (" + name + ")");
        }
        ObjectNode applied = FieldManager.apply(null, patch, options.fieldManager(), options.force(),
                ObjectWriter.fieldTarget(type, null), writer.meta().now());
        Objects.metadata(applied).put("name", name);
        return writer.create(type, namespace, applied, options.asApplied());
    }
}
