package dev.j8s.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.j8s.api.ApiException;
import io.fabric8.zjsonpatch.JsonPatchException;

/** JSON patch (RFC 6902), applied by the zjsonpatch library. */
public final class JsonPatch {

    private JsonPatch() {}

    /**
     * A malformed patch document is a 400; a well-formed patch that cannot apply (a failed
     * {@code test}, a missing path) is a 422, as kube-apiserver answers.
     */
    public static JsonNode apply(JsonNode target, JsonNode patch) {
        if (!patch.isArray()) {
            throw ApiException.badRequest("json patch must be a list of operations");
        }
        for (JsonNode op : patch) {
            if (!op.isObject() || !op.path("op").isTextual() || !op.path("path").isTextual()) {
                throw ApiException.badRequest("invalid json patch operation: " + op);
            }
        }
        try {
            return io.fabric8.zjsonpatch.JsonPatch.apply(patch, target);
        } catch (JsonPatchException e) {
            throw new ApiException(422, "Invalid", "the server rejected our request due to an error in our request: "
                    + e.getMessage());
        } catch (RuntimeException e) {
            throw ApiException.badRequest("invalid json patch: " + e.getMessage());
        }
    }
}
