package dev.j8s.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** core/v1 Secret: {@code ValidateSecret} (keys, size, per-type required keys) and {@code ValidateSecretUpdate}. */
final class SecretRules implements KindRules {

    private static final FieldPath DATA = FieldPath.root("data");

    @Override
    public void validate(ObjectNode object, FieldErrors errs) {
        // stringData is merged into data by the server before validation; check both.
        long total = ConfigDataRules.validateKeys(object, "data", null, true, errs);
        total += ConfigDataRules.validateKeys(object, "stringData", null, false, errs);
        if (total > ConfigDataRules.MAX_SIZE) {
            errs.tooLong(DATA, ConfigDataRules.MAX_SIZE);
        }
        JsonNode data = Nodes.get(object, "data");
        switch (Nodes.text(object, "type")) {
            case "kubernetes.io/service-account-token" -> {
                JsonNode annotations = Nodes.get(Nodes.get(object, "metadata"), "annotations");
                if (Nodes.text(annotations, "kubernetes.io/service-account.name").isEmpty()) {
                    errs.required(FieldPath.root("metadata").child("annotations").key("kubernetes.io/service-account.name"), "");
                }
            }
            case "kubernetes.io/dockercfg" -> requireKeys(object, data, List.of(".dockercfg"), errs);
            case "kubernetes.io/dockerconfigjson" -> requireKeys(object, data, List.of(".dockerconfigjson"), errs);
            case "kubernetes.io/basic-auth" -> {
                if (!hasKey(object, data, "username") && !hasKey(object, data, "password")) {
                    errs.required(DATA.key("username"), "");
                    errs.required(DATA.key("password"), "");
                }
            }
            case "kubernetes.io/ssh-auth" -> requireKeys(object, data, List.of("ssh-privatekey"), errs);
            case "kubernetes.io/tls" -> requireKeys(object, data, List.of("tls.key", "tls.crt"), errs);
            default -> { }
        }
    }

    @Override
    public void validateUpdate(ObjectNode object, ObjectNode old, FieldErrors errs) {
        String type = Nodes.text(object, "type");
        String oldType = Nodes.text(old, "type");
        if (!type.isEmpty() && !type.equals(oldType)) {
            errs.immutable(FieldPath.root("type"), type);
        }
        ConfigDataRules.validateImmutable(object, old, new String[] {"data"}, errs);
    }

    private static void requireKeys(JsonNode object, JsonNode data, List<String> keys, FieldErrors errs) {
        for (String key : keys) {
            if (!hasKey(object, data, key)) {
                errs.required(DATA.key(key), "");
            }
        }
    }

    private static boolean hasKey(JsonNode object, JsonNode data, String key) {
        return data.has(key) || Nodes.get(object, "stringData").has(key);
    }
}
