package dev.j8s.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.j8s.api.ApiException;
import io.fabric8.zjsonpatch.CompatibilityFlags;
import java.util.EnumSet;

/**
 * JSON patch (RFC 6902, {@code application/json-patch+json}) with the API server's error answers:
 * a body that is not a list of operations is 400 BadRequest, more than 10000 operations is 413,
 * and an operation that cannot be applied (failed {@code test}, missing path, unknown op) is 422
 * Invalid with Kubernetes' fixed message.
 */
public final class JsonPatch {

    /** kube-apiserver's {@code maxJSONPatchOperations}. */
    public static final int MAX_OPERATIONS = 10000;

    // Removing a missing member is an error in the Go library Kubernetes uses, as in the RFC.
    private static final EnumSet<CompatibilityFlags> FLAGS = EnumSet.of(CompatibilityFlags.FORBID_REMOVE_MISSING_OBJECT);

    private JsonPatch() {}

    /**
     * @param target the document to patch (not modified)
     * @param patch  the list of operations
     * @return a new tree: the patched document
     */
    public static JsonNode apply(JsonNode target, JsonNode patch) {
        if (patch == null || !patch.isArray()) {
            throw PatchErrors.badRequest("json: cannot unmarshal " + PatchErrors.kindOf(patch)
                    + " into Go value of type jsonpatch.Patch");
        }
        if (patch.size() > MAX_OPERATIONS) {
            throw new ApiException(413, "RequestEntityTooLarge", "The allowed maximum operations in a JSON patch is "
                    + MAX_OPERATIONS + ", got " + patch.size());
        }
        for (JsonNode operation : patch) {
            if (!operation.isObject()) {
                throw PatchErrors.badRequest("json: cannot unmarshal " + PatchErrors.kindOf(operation)
                        + " into Go value of type jsonpatch.Operation");
            }
        }
        try {
            return io.fabric8.zjsonpatch.JsonPatch.apply(patch, target, FLAGS);
        } catch (RuntimeException e) {
            throw PatchErrors.rejected(e);
        }
    }
}
