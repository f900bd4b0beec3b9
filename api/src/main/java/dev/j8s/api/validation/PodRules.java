package dev.j8s.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** core/v1 Pod: {@code ValidatePodSpec}, and on update {@code ValidatePodUpdate}'s mutable-field rule. */
final class PodRules implements KindRules {

    private static final FieldPath SPEC = FieldPath.root("spec");

    @Override
    public void validate(ObjectNode object, FieldErrors errs) {
        PodSpecRules.validateSpec(Nodes.get(object, "spec"), SPEC, errs);
    }

    /**
     * A running pod may only change its container images, activeDeadlineSeconds, tolerations
     * (additions) and terminationGracePeriodSeconds; everything else is fixed at creation.
     */
    @Override
    public void validateUpdate(ObjectNode object, ObjectNode old, FieldErrors errs) {
        if (!masked(Nodes.get(object, "spec")).equals(masked(Nodes.get(old, "spec")))) {
            errs.forbidden(SPEC, "pod updates may not change fields other than `spec.containers[*].image`,"
                    + "`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` "
                    + "(only additions to existing tolerations),`spec.terminationGracePeriodSeconds` "
                    + "(allow it to be set to 1 if it was previously negative)");
        }
    }

    private static ObjectNode masked(JsonNode spec) {
        ObjectNode copy = spec.isObject() ? ((ObjectNode) spec).deepCopy() : dev.j8s.api.Json.object();
        copy.remove(java.util.List.of("activeDeadlineSeconds", "tolerations", "terminationGracePeriodSeconds"));
        for (String list : java.util.List.of("containers", "initContainers")) {
            if (copy.get(list) instanceof ArrayNode containers) {
                containers.forEach(c -> {
                    if (c instanceof ObjectNode o) {
                        o.remove("image");
                    }
                });
            }
        }
        return copy;
    }
}
