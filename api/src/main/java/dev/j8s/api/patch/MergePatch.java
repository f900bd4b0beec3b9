package dev.j8s.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.j8s.api.Json;
import java.util.Iterator;
import java.util.Map;

/**
 * JSON merge patch (RFC 7386, {@code application/merge-patch+json}): objects merge recursively,
 * {@code null} deletes a member, anything else (lists included) replaces.
 */
public final class MergePatch {

    private MergePatch() {}

    /**
     * @param target the document to patch (not modified); null or missing counts as absent
     * @param patch  the patch; the API server only accepts an object, so anything else is 400
     *               BadRequest ("Invalid JSON Patch", as Kubernetes answers a scalar patch)
     * @return a new tree: the patched document
     */
    public static JsonNode apply(JsonNode target, JsonNode patch) {
        if (patch == null || !patch.isObject()) {
            throw PatchErrors.badRequest("Invalid JSON Patch");
        }
        ObjectNode result = target != null && target.isObject() ? target.deepCopy() : Json.object();
        mergeInto(result, (ObjectNode) patch);
        return result;
    }

    private static void mergeInto(ObjectNode target, ObjectNode patch) {
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> member = it.next();
            String key = member.getKey();
            JsonNode value = member.getValue();
            if (value.isNull()) {
                target.remove(key);
            } else if (value.isObject()) {
                // A member that is not an object is replaced by an empty one before merging (RFC 7386).
                JsonNode current = target.get(key);
                ObjectNode merged = current != null && current.isObject() ? (ObjectNode) current : Json.object();
                mergeInto(merged, (ObjectNode) value);
                target.set(key, merged);
            } else {
                target.set(key, value.deepCopy());
            }
        }
    }
}
