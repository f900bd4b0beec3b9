package dev.j8s.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.j8s.api.Json;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Strategic merge patch ({@code application/strategic-merge-patch+json}), as Kubernetes'
 * {@code strategicpatch.StrategicMergeMapPatch} applies it on the server: what {@code kubectl apply}
 * (client-side), {@code kubectl patch} (default type), {@code label}, {@code annotate},
 * {@code scale}, {@code edit} and {@code set image} send.
 *
 * <ul>
 *   <li>Objects merge recursively; {@code null} deletes a field.</li>
 *   <li>Lists declared {@code patchStrategy:"merge"} (see {@link PatchMetadata}) merge: objects by
 *       their merge key, primitives as a set. Other lists, and fields declared "replace", replace.</li>
 *   <li>Directives: {@code $patch: replace|delete} in objects and list items, {@code $retainKeys},
 *       {@code $setElementOrder/<field>}, {@code $deleteFromPrimitiveList/<field>}.</li>
 * </ul>
 *
 * Kubernetes refuses strategic merge patches of custom resources (415, only JSON and merge patch are
 * accepted): the API server should not call this for them. Given no model type, fields have no
 * metadata, so maps merge and lists replace.
 *
 * <p>Malformed patches answer 400 BadRequest with the Kubernetes wording. (Kubernetes itself answers
 * 500 for a few of them — a missing merge key, an unknown {@code $patch} value — because those
 * errors escape its error mapping; a client error is the honest answer.) Lists of lists answer 422.
 */
public final class StrategicMergePatch {

    private StrategicMergePatch() {}

    /**
     * @param original  the current object (not modified); null or missing is an empty object
     * @param patch     the patch document; must be a JSON object
     * @param modelType the fabric8 class of the object (e.g. {@code Deployment.class}), or null when unknown
     * @return a new tree: the patched object
     */
    public static ObjectNode apply(JsonNode original, JsonNode patch, Class<?> modelType) {
        return applyWithSchema(original, patch, ModelSchema.of(modelType));
    }

    static ObjectNode applyWithSchema(JsonNode original, JsonNode patch, ModelSchema schema) {
        if (patch == null || !patch.isObject()) {
            throw PatchErrors.badRequest("json: cannot unmarshal " + PatchErrors.kindOf(patch)
                    + " into Go value of type map[string]interface {}");
        }
        ObjectNode base;
        if (original == null || original.isNull() || original.isMissingNode()) {
            base = Json.object();
        } else if (original.isObject()) {
            base = original.deepCopy();
        } else {
            throw PatchErrors.badRequest("invalid JSON document");
        }
        return mergeObject(base, (ObjectNode) patch, schema);
    }

    /** Merges {@code patch} into {@code original}, which it may modify; the patch is only read. */
    static ObjectNode mergeObject(ObjectNode original, ObjectNode patch, ModelSchema schema) {
        JsonNode directive = patch.get(Directives.PATCH);
        if (directive != null) {
            return objectDirective(directive, patch);
        }
        retainKeys(original, patch);
        Set<String> ordered = applyElementOrders(original, patch, schema);
        List<String> deletionLists = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = field.getKey();
            if (key.startsWith(Directives.DELETE_FROM_PRIMITIVE_LIST)) {
                deletionLists.add(key);
            } else if (!key.equals(Directives.RETAIN_KEYS) && !key.startsWith(Directives.SET_ELEMENT_ORDER)
                    && !ordered.contains(key)) {
                mergeField(original, key, field.getValue(), schema);
            }
        }
        // Additions and deletions of a primitive list commute unless one patch both adds and deletes
        // the same item, which kubectl never sends; deleting last keeps the result deterministic.
        for (String key : deletionLists) {
            deleteFromPrimitiveList(original, key, patch.get(key));
        }
        return original;
    }

    private static ObjectNode objectDirective(JsonNode directive, ObjectNode patch) {
        switch (directive.asText()) {
            case Directives.REPLACE -> {
                ObjectNode replacement = patch.deepCopy();
                replacement.remove(Directives.PATCH);
                return (ObjectNode) Directives.adopt(replacement);
            }
            case Directives.DELETE -> {
                return Json.object();
            }
            // "$patch: merge" is the default behaviour, yet Kubernetes accepts it in no object.
            default -> throw PatchErrors.unknownDirective(directive, patch);
        }
    }

    private static void mergeField(ObjectNode original, String key, JsonNode patchValue, ModelSchema schema) {
        if (patchValue.isNull()) {
            original.remove(key);
            return;
        }
        JsonNode current = original.get(key);
        boolean sameKind = current != null && (current.isObject() && patchValue.isObject()
                || current.isArray() && patchValue.isArray());
        if (!sameKind) {
            setOrRemove(original, key, Directives.adopt(patchValue));
            return;
        }
        ModelSchema.Field field = schema.field(key);
        if (current.isObject()) {
            original.set(key, field.replaces()
                    ? Directives.adopt(patchValue)
                    : mergeObject((ObjectNode) current, (ObjectNode) patchValue, field.schema()));
        } else {
            original.set(key, mergeList((ArrayNode) current, (ArrayNode) patchValue, field));
        }
    }

    private static JsonNode mergeList(ArrayNode current, ArrayNode patchValue, ModelSchema.Field field) {
        if (!field.merges()) {
            return Directives.adopt(patchValue);
        }
        return StrategicListMerge.merge(current, patchValue, field.schema().element(), field.mergeKey());
    }

    private static void setOrRemove(ObjectNode target, String key, JsonNode value) {
        if (value == null) {
            target.remove(key);
        } else {
            target.set(key, value);
        }
    }

    /**
     * {@code $retainKeys}: every field of the original not listed is cleared (how a Deployment
     * switching to Recreate loses its rollingUpdate); the patch may only set listed fields.
     */
    private static void retainKeys(ObjectNode original, ObjectNode patch) {
        JsonNode retain = patch.get(Directives.RETAIN_KEYS);
        if (retain == null) {
            return;
        }
        if (!retain.isArray()) {
            throw PatchErrors.badRequest("invalid patch format of retainKeys");
        }
        Set<Object> kept = new HashSet<>();
        retain.forEach(k -> kept.add(ValueKey.of(k)));
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = field.getKey();
            if (field.getValue().isNull() || Directives.isFieldDirective(key)) {
                continue;
            }
            if (!kept.contains(key)) {
                throw PatchErrors.badRequest("invalid patch format of retainKeys");
            }
        }
        original.properties().removeIf(field -> !kept.contains(field.getKey()));
    }

    /**
     * {@code $setElementOrder/<field>}: merges the list field together with its order directive.
     *
     * @return the list fields already merged, which the field loop must skip
     */
    private static Set<String> applyElementOrders(ObjectNode original, ObjectNode patch, ModelSchema schema) {
        Set<String> done = new HashSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> directive = it.next();
            if (!directive.getKey().startsWith(Directives.SET_ELEMENT_ORDER)) {
                continue;
            }
            String malformed = "invalid patch format of setElementOrder list";
            String key = Directives.listField(directive.getKey(), Directives.SET_ELEMENT_ORDER, malformed);
            ArrayNode order = asList(directive.getValue(), malformed);
            ArrayNode current = original.has(key) ? asList(original.get(key), malformed) : null;
            ArrayNode patchList = patch.has(key) ? asList(patch.get(key), malformed) : null;
            if (current == null && patchList == null) {
                continue;
            }
            ModelSchema.Field field = schema.field(key);
            JsonNode merged;
            if (patchList == null) {
                merged = current.deepCopy();
            } else {
                StrategicListMerge.validateOrder(patchList, order, field.mergeKey());
                merged = current == null ? Directives.adopt(patchList) : mergeList(current, patchList, field);
            }
            ArrayNode serverOrder = current == null ? Json.MAPPER.createArrayNode()
                    : patchList == null || !field.merges() ? current
                    : StrategicListMerge.orderReference(current, patchList, field.mergeKey());
            original.set(key, StrategicListMerge.reorder((ArrayNode) merged, order, serverOrder, field.mergeKey()));
            done.add(key);
        }
        return done;
    }

    private static void deleteFromPrimitiveList(ObjectNode original, String directiveKey, JsonNode values) {
        String malformed = "invalid patch format of primitive list";
        String key = Directives.listField(directiveKey, Directives.DELETE_FROM_PRIMITIVE_LIST, malformed);
        JsonNode current = original.get(key);
        if (current == null || !current.isArray() || values.isNull()) {
            return;
        }
        original.set(key, StrategicListMerge.deleteValues((ArrayNode) current, asList(values, malformed)));
    }

    private static ArrayNode asList(JsonNode node, String malformedMessage) {
        if (node == null || !node.isArray()) {
            throw PatchErrors.badRequest(malformedMessage);
        }
        return (ArrayNode) node;
    }
}
