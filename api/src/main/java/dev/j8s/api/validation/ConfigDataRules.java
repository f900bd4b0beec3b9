package dev.j8s.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/** Keys, size and immutability shared by ConfigMaps and Secrets. */
final class ConfigDataRules {

    /** {@code MaxSecretSize}, also the ConfigMap limit: 1 MiB. */
    static final int MAX_SIZE = 1024 * 1024;

    private ConfigDataRules() {}

    /** Validates the keys of one data map; returns the total size of its values in bytes. */
    static long validateKeys(JsonNode object, String field, String otherField, boolean base64, FieldErrors errs) {
        JsonNode data = Nodes.get(object, field);
        JsonNode other = Nodes.get(object, otherField);
        long total = 0;
        if (!data.isObject()) {
            return 0;
        }
        for (Map.Entry<String, JsonNode> e : data.properties()) {
            FieldPath path = FieldPath.root(field).key(e.getKey());
            errs.invalidEach(path, e.getKey(), NameRules.configMapKey(e.getKey()));
            if (otherField != null && other.has(e.getKey())) {
                errs.invalid(path, e.getKey(), "duplicate of key present in " + otherField);
            }
            total += valueSize(e.getValue(), base64);
        }
        return total;
    }

    /**
     * Once {@code immutable: true} is stored, it stays true and the data cannot change
     * ({@code ValidateConfigMapUpdate} / {@code ValidateSecretUpdate}).
     */
    static void validateImmutable(JsonNode object, JsonNode old, String[] dataFields, FieldErrors errs) {
        if (!Nodes.bool(old, "immutable")) {
            return;
        }
        if (!Nodes.bool(object, "immutable")) {
            errs.forbidden(FieldPath.root("immutable"), "field is immutable when `immutable` is set");
        }
        for (String f : dataFields) {
            if (!Nodes.get(object, f).equals(Nodes.get(old, f)) && !(emptyOrMissing(object, f) && emptyOrMissing(old, f))) {
                errs.forbidden(FieldPath.root(f), "field is immutable when `immutable` is set");
            }
        }
    }

    private static boolean emptyOrMissing(JsonNode object, String field) {
        JsonNode v = Nodes.get(object, field);
        return v.isMissingNode() || v.isEmpty();
    }

    private static long valueSize(JsonNode value, boolean base64) {
        String text = value.asText();
        if (base64) {
            try {
                return Base64.getDecoder().decode(text).length;
            } catch (IllegalArgumentException e) {
                return text.length();
            }
        }
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
