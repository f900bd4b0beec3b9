package dev.j8s.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** apps/v1 DaemonSet: {@code ValidateDaemonSetSpec} plus the immutable selector of the registry. */
final class DaemonSetRules implements KindRules {

    private static final FieldPath SPEC = WorkloadRules.SPEC;

    @Override
    public void validate(ObjectNode object, FieldErrors errs) {
        JsonNode spec = Nodes.get(object, "spec");
        JsonNode selector = Nodes.get(spec, "selector");
        LabelSelectors.validate(selector, SPEC.child("selector"), errs);
        JsonNode template = Nodes.get(spec, "template");
        // A missing selector converts to "match nothing", so Kubernetes reports the template labels.
        boolean matches = !selector.isMissingNode()
                && LabelSelectors.matches(selector, Nodes.stringMap(Nodes.get(template, "metadata"), "labels"));
        if (LabelSelectors.isConvertible(selector) && !matches) {
            errs.invalid(SPEC.child("template", "metadata", "labels"),
                    GoValues.stringMap(Nodes.get(Nodes.get(template, "metadata"), "labels")),
                    "`selector` does not match template `labels`");
        }
        if (!selector.isMissingNode() && LabelSelectors.isEmpty(selector)) {
            errs.invalid(SPEC.child("selector"), GoValues.labelSelector(selector), "empty selector is invalid for daemonset");
        }
        PodSpecRules.validateTemplate(template, SPEC.child("template"), errs);
        WorkloadRules.requireAlwaysRestart(template, SPEC.child("template"), "DaemonSet", errs);
        errs.nonNegative(SPEC.child("minReadySeconds"), Nodes.number(spec, "minReadySeconds"));
        validateUpdateStrategy(Nodes.get(spec, "updateStrategy"), SPEC.child("updateStrategy"), errs);
        errs.nonNegative(SPEC.child("revisionHistoryLimit"), Nodes.number(spec, "revisionHistoryLimit"));
    }

    @Override
    public void validateUpdate(ObjectNode object, ObjectNode old, FieldErrors errs) {
        WorkloadRules.selectorImmutable(Nodes.get(object, "spec"), Nodes.get(old, "spec"), errs);
    }

    /** Exactly one of maxSurge and maxUnavailable is non-zero. */
    private static void validateUpdateStrategy(JsonNode strategy, FieldPath path, FieldErrors errs) {
        String type = Nodes.text(strategy, "type");
        switch (type) {
            case "OnDelete" -> { }
            case "RollingUpdate", "" -> {
                JsonNode ru = Nodes.get(strategy, "rollingUpdate");
                if (ru.isMissingNode()) {
                    return;
                }
                FieldPath rp = path.child("rollingUpdate");
                JsonNode maxUnavailable = Nodes.get(ru, "maxUnavailable");
                JsonNode maxSurge = Nodes.get(ru, "maxSurge");
                WorkloadRules.positiveIntOrPercent(maxUnavailable, rp.child("maxUnavailable"), errs);
                WorkloadRules.positiveIntOrPercent(maxSurge, rp.child("maxSurge"), errs);
                WorkloadRules.notMoreThan100Percent(maxUnavailable, rp.child("maxUnavailable"), errs);
                WorkloadRules.notMoreThan100Percent(maxSurge, rp.child("maxSurge"), errs);
                boolean hasUnavailable = WorkloadRules.intOrPercentValue(maxUnavailable) != 0;
                boolean hasSurge = WorkloadRules.intOrPercentValue(maxSurge) != 0;
                if (hasUnavailable && hasSurge) {
                    errs.invalid(rp.child("maxSurge"), GoValues.intOrString(maxSurge),
                            "may not be set when maxUnavailable is non-zero");
                } else if (!hasUnavailable && !hasSurge) {
                    errs.required(rp.child("maxUnavailable"), "cannot be 0 when maxSurge is 0");
                }
            }
            default -> errs.notSupported(path, new GoValues.Literal("apps.DaemonSetUpdateStrategy{Type:"
                    + GoValues.quote(type) + ", RollingUpdate:(*apps.RollingUpdateDaemonSet)(nil)}"),
                    List.of("RollingUpdate", "OnDelete"));
        }
    }
}
