package dev.j8s.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** apps/v1 Deployment: {@code ValidateDeploymentSpec} plus the immutable selector of the registry. */
final class DeploymentRules implements KindRules {

    private static final FieldPath SPEC = WorkloadRules.SPEC;

    @Override
    public void validate(ObjectNode object, FieldErrors errs) {
        JsonNode spec = Nodes.get(object, "spec");
        errs.nonNegative(SPEC.child("replicas"), Nodes.number(spec, "replicas"));
        WorkloadRules.validateSelectorAndTemplate(spec, "deployment", "ReplicaSet", errs);
        validateStrategy(Nodes.get(spec, "strategy"), SPEC.child("strategy"), errs);
        Long minReady = Nodes.number(spec, "minReadySeconds");
        errs.nonNegative(SPEC.child("minReadySeconds"), minReady);
        errs.nonNegative(SPEC.child("revisionHistoryLimit"), Nodes.number(spec, "revisionHistoryLimit"));
        Long progressDeadline = Nodes.number(spec, "progressDeadlineSeconds");
        if (progressDeadline != null) {
            errs.nonNegative(SPEC.child("progressDeadlineSeconds"), progressDeadline);
            if (progressDeadline <= (minReady == null ? 0 : minReady)) {
                errs.invalid(SPEC.child("progressDeadlineSeconds"), progressDeadline,
                        "must be greater than minReadySeconds");
            }
        }
    }

    @Override
    public void validateUpdate(ObjectNode object, ObjectNode old, FieldErrors errs) {
        WorkloadRules.selectorImmutable(Nodes.get(object, "spec"), Nodes.get(old, "spec"), errs);
    }

    /** Absent type = defaulted RollingUpdate; both maxSurge and maxUnavailable 0 would never progress. */
    private static void validateStrategy(JsonNode strategy, FieldPath path, FieldErrors errs) {
        String type = Nodes.text(strategy, "type");
        JsonNode rollingUpdate = Nodes.get(strategy, "rollingUpdate");
        switch (type) {
            case "Recreate" -> {
                if (!rollingUpdate.isMissingNode()) {
                    errs.forbidden(path.child("rollingUpdate"), "may not be specified when strategy `type` is 'Recreate'");
                }
            }
            case "RollingUpdate", "" -> {
                if (!rollingUpdate.isMissingNode()) {
                    validateRollingUpdate(rollingUpdate, path.child("rollingUpdate"), errs);
                }
            }
            default -> errs.notSupported(path, new GoValues.Literal("apps.DeploymentStrategy{Type:"
                    + GoValues.quote(type) + ", RollingUpdate:(*apps.RollingUpdateDeployment)(nil)}"),
                    List.of("Recreate", "RollingUpdate"));
        }
    }

    private static void validateRollingUpdate(JsonNode rollingUpdate, FieldPath path, FieldErrors errs) {
        JsonNode maxUnavailable = Nodes.get(rollingUpdate, "maxUnavailable");
        JsonNode maxSurge = Nodes.get(rollingUpdate, "maxSurge");
        WorkloadRules.positiveIntOrPercent(maxUnavailable, path.child("maxUnavailable"), errs);
        WorkloadRules.positiveIntOrPercent(maxSurge, path.child("maxSurge"), errs);
        if (WorkloadRules.intOrPercentValue(maxUnavailable) == 0 && WorkloadRules.intOrPercentValue(maxSurge) == 0) {
            errs.invalid(path.child("maxUnavailable"), GoValues.intOrString(maxUnavailable),
                    "may not be 0 when `maxSurge` is 0");
        }
        WorkloadRules.notMoreThan100Percent(maxUnavailable, path.child("maxUnavailable"), errs);
    }
}
