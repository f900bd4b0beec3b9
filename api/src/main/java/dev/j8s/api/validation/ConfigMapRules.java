package dev.j8s.api.validation;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** core/v1 ConfigMap: {@code ValidateConfigMap} and {@code ValidateConfigMapUpdate}. */
final class ConfigMapRules implements KindRules {

    @Override
    public void validate(ObjectNode object, FieldErrors errs) {
        long total = ConfigDataRules.validateKeys(object, "data", "binaryData", false, errs);
        total += ConfigDataRules.validateKeys(object, "binaryData", "data", true, errs);
        if (total > ConfigDataRules.MAX_SIZE) {
            // Kubernetes reports the whole object (empty path) for the size limit.
            errs.tooLong(FieldPath.root(""), ConfigDataRules.MAX_SIZE);
        }
    }

    @Override
    public void validateUpdate(ObjectNode object, ObjectNode old, FieldErrors errs) {
        ConfigDataRules.validateImmutable(object, old, new String[] {"data", "binaryData"}, errs);
    }
}
