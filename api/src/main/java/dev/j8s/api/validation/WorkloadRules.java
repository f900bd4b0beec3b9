package dev.j8s.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** Shared pieces of the apps/v1 workload validations: selector, template, IntOrPercent values. */
final class WorkloadRules {

    static final FieldPath SPEC = FieldPath.root("spec");

    private WorkloadRules() {}

    /**
     * Selector required, valid and non-empty; template labels matched by it; the pod template
     * valid; restartPolicy Always; no activeDeadlineSeconds ({@code ValidatePodTemplateSpecForReplicaSet}).
     */
    static void validateSelectorAndTemplate(JsonNode spec, String kindWord, String kind, FieldErrors errs) {
        JsonNode selector = Nodes.get(spec, "selector");
        if (selector.isMissingNode()) {
            errs.required(SPEC.child("selector"), "");
        } else {
            LabelSelectors.validate(selector, SPEC.child("selector"), errs);
            if (LabelSelectors.isEmpty(selector)) {
                errs.invalid(SPEC.child("selector"), GoValues.labelSelector(selector),
                        "empty selector is invalid for " + kindWord);
            }
        }
        JsonNode template = Nodes.get(spec, "template");
        FieldPath templatePath = SPEC.child("template");
        if (selector.isMissingNode() || LabelSelectors.isConvertible(selector)) {
            checkTemplateLabels(selector, template, templatePath, errs);
        } else {
            errs.invalid(SPEC.child("selector"), GoValues.labelSelector(selector), "invalid label selector");
        }
        PodSpecRules.validateTemplate(template, templatePath, errs);
        requireAlwaysRestart(template, templatePath, kind, errs);
    }

    static void checkTemplateLabels(JsonNode selector, JsonNode template, FieldPath templatePath, FieldErrors errs) {
        if (selector.isMissingNode() || LabelSelectors.isEmpty(selector)) {
            return;
        }
        JsonNode labels = Nodes.get(Nodes.get(template, "metadata"), "labels");
        Map<String, String> set = Nodes.stringMap(Nodes.get(template, "metadata"), "labels");
        if (!LabelSelectors.matches(selector, set)) {
            errs.invalid(templatePath.child("metadata", "labels"), GoValues.stringMap(labels),
                    "`selector` does not match template `labels`");
        }
    }

    /** Workload pods run forever: restartPolicy must be Always (absent = defaulted to Always). */
    static void requireAlwaysRestart(JsonNode template, FieldPath templatePath, String kind, FieldErrors errs) {
        JsonNode podSpec = Nodes.get(template, "spec");
        String restartPolicy = Nodes.text(podSpec, "restartPolicy");
        if (!restartPolicy.isEmpty() && !restartPolicy.equals("Always")) {
            errs.notSupported(templatePath.child("spec", "restartPolicy"), restartPolicy, List.of("Always"));
        }
        if (Nodes.has(podSpec, "activeDeadlineSeconds")) {
            errs.forbidden(templatePath.child("spec", "activeDeadlineSeconds"),
                    "activeDeadlineSeconds in " + kind + " is not Supported");
        }
    }

    /** {@code ValidatePositiveIntOrPercent}. */
    static void positiveIntOrPercent(JsonNode value, FieldPath path, FieldErrors errs) {
        if (value.isMissingNode()) {
            return;
        }
        if (value.isTextual()) {
            errs.invalidEach(path, GoValues.intOrString(value), NameRules.percent(value.asText()));
        } else if (value.isNumber()) {
            errs.nonNegative(path, value.asLong());
        } else {
            errs.invalid(path, GoValues.intOrString(value), "must be an integer or percentage (e.g '5%')");
        }
    }

    /** {@code IsNotMoreThan100Percent}. */
    static void notMoreThan100Percent(JsonNode value, FieldPath path, FieldErrors errs) {
        Integer percent = percentValue(value);
        if (percent != null && percent > 100) {
            errs.invalid(path, GoValues.intOrString(value), "must not be greater than 100%");
        }
    }

    /** {@code getIntOrPercentValue}: the number of a percent string or the int. */
    static int intOrPercentValue(JsonNode value) {
        Integer percent = percentValue(value);
        if (percent != null) {
            return percent;
        }
        return value.isNumber() ? value.asInt() : 0;
    }

    private static Integer percentValue(JsonNode value) {
        if (value == null || !value.isTextual() || !NameRules.percent(value.asText()).isEmpty()) {
            return null;
        }
        String s = value.asText();
        try {
            return Integer.parseInt(s.substring(0, s.length() - 1));
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    /** {@code spec.selector} may not change on update (apps/v1). */
    static void selectorImmutable(JsonNode spec, JsonNode oldSpec, FieldErrors errs) {
        JsonNode now = Nodes.get(spec, "selector");
        JsonNode before = Nodes.get(oldSpec, "selector");
        if (!sameSelector(now, before)) {
            errs.immutable(SPEC.child("selector"),
                    now.isMissingNode() ? null : GoValues.labelSelector(now));
        }
    }

    private static boolean sameSelector(JsonNode a, JsonNode b) {
        if (a.isMissingNode() || b.isMissingNode()) {
            return a.isMissingNode() == b.isMissingNode();
        }
        return Nodes.stringMap(a, "matchLabels").equals(Nodes.stringMap(b, "matchLabels"))
                && Nodes.get(a, "matchExpressions").equals(Nodes.get(b, "matchExpressions"))
                || (Nodes.items(a, "matchExpressions").isEmpty() && Nodes.items(b, "matchExpressions").isEmpty()
                && Nodes.stringMap(a, "matchLabels").equals(Nodes.stringMap(b, "matchLabels")));
    }
}
