package dev.j8s.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.j8s.api.ApiException;

/** The errors the API server answers when a patch cannot be applied, worded as Kubernetes words them. */
final class PatchErrors {

    private PatchErrors() {}

    static ApiException badRequest(String message) {
        return ApiException.badRequest(message);
    }

    /**
     * Kubernetes answers 422 with this fixed text (no detail) when a well-formed JSON patch fails to
     * apply, and for strategic merge patches of lists of lists.
     */
    static ApiException rejected(Throwable cause) {
        ApiException e = new ApiException(422, "Invalid", "the server rejected our request due to an error in our request");
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
    }

    static ApiException noMergeKey(JsonNode item, String mergeKey) {
        return badRequest("map: " + item + " does not contain declared merge key: " + mergeKey);
    }

    static ApiException unknownDirective(JsonNode directive, JsonNode item) {
        return badRequest("unknown patch type: " + directive.asText() + " in map: " + item);
    }

    static String kindOf(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return "null";
        }
        if (node.isArray()) {
            return "array";
        }
        if (node.isObject()) {
            return "object";
        }
        return node.isTextual() ? "string" : node.isBoolean() ? "bool" : "number";
    }
}
