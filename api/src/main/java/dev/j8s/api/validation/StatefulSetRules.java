package dev.j8s.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** apps/v1 StatefulSet: {@code ValidateStatefulSetSpec} and {@code ValidateStatefulSetUpdate}. */
final class StatefulSetRules implements KindRules {

    private static final FieldPath SPEC = WorkloadRules.SPEC;
    /** Spec fields an update may change; any other change is forbidden. */
    private static final List<String> MUTABLE = List.of("replicas", "ordinals", "template", "updateStrategy",
            "persistentVolumeClaimRetentionPolicy", "minReadySeconds");
    private static final List<String> RETENTION = List.of("Retain", "Delete");

    /** StatefulSet names become pod hostnames: a DNS label. */
    @Override
    public NameRule nameRule() {
        return NameRule.DNS_LABEL;
    }

    @Override
    public void validate(ObjectNode object, FieldErrors errs) {
        JsonNode spec = Nodes.get(object, "spec");
        String policy = Nodes.text(spec, "podManagementPolicy");
        if (!policy.isEmpty() && !policy.equals("OrderedReady") && !policy.equals("Parallel")) {
            errs.invalid(SPEC.child("podManagementPolicy"), policy, "must be 'OrderedReady' or 'Parallel'");
        }
        validateUpdateStrategy(Nodes.get(spec, "updateStrategy"), errs);
        JsonNode retention = Nodes.get(spec, "persistentVolumeClaimRetentionPolicy");
        for (String f : List.of("whenDeleted", "whenScaled")) {
            String v = Nodes.text(retention, f);
            if (!retention.isMissingNode() && !v.isEmpty() && !RETENTION.contains(v)) {
                errs.notSupported(SPEC.child("persistentVolumeClaimRetentionPolicy", f), v, RETENTION);
            }
        }
        errs.nonNegative(SPEC.child("replicas"), Nodes.number(spec, "replicas"));
        errs.nonNegative(SPEC.child("minReadySeconds"), Nodes.number(spec, "minReadySeconds"));

        JsonNode selector = Nodes.get(spec, "selector");
        if (selector.isMissingNode()) {
            errs.required(SPEC.child("selector"), "");
        } else {
            LabelSelectors.validate(selector, SPEC.child("selector"), errs);
            if (LabelSelectors.isEmpty(selector)) {
                errs.invalid(SPEC.child("selector"), GoValues.labelSelector(selector),
                        "empty selector is invalid for statefulset");
            }
        }
        JsonNode template = Nodes.get(spec, "template");
        FieldPath templatePath = SPEC.child("template");
        WorkloadRules.checkTemplateLabels(selector, template, templatePath, errs);
        PodSpecRules.validateTemplate(template, templatePath, errs);
        WorkloadRules.requireAlwaysRestart(template, templatePath, "StatefulSet", errs);
    }

    @Override
    public void validateUpdate(ObjectNode object, ObjectNode old, FieldErrors errs) {
        ObjectNode now = masked(Nodes.get(object, "spec"));
        ObjectNode before = masked(Nodes.get(old, "spec"));
        if (!now.equals(before)) {
            errs.forbidden(SPEC, "updates to statefulset spec for fields other than 'replicas', 'ordinals', "
                    + "'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' "
                    + "are forbidden");
        }
    }

    private static void validateUpdateStrategy(JsonNode strategy, FieldErrors errs) {
        String type = Nodes.text(strategy, "type");
        JsonNode rollingUpdate = Nodes.get(strategy, "rollingUpdate");
        FieldPath path = SPEC.child("updateStrategy");
        switch (type) {
            case "", "RollingUpdate" -> {
                if (!rollingUpdate.isMissingNode()) {
                    errs.nonNegative(path.child("rollingUpdate", "partition"), Nodes.number(rollingUpdate, "partition"));
                    JsonNode maxUnavailable = Nodes.get(rollingUpdate, "maxUnavailable");
                    if (!maxUnavailable.isMissingNode()) {
                        FieldPath mu = path.child("rollingUpdate", "maxUnavailable");
                        WorkloadRules.positiveIntOrPercent(maxUnavailable, mu, errs);
                        if (WorkloadRules.intOrPercentValue(maxUnavailable) == 0) {
                            errs.invalid(mu, GoValues.intOrString(maxUnavailable), "cannot be 0");
                        }
                        WorkloadRules.notMoreThan100Percent(maxUnavailable, mu, errs);
                    }
                }
            }
            case "OnDelete" -> {
                if (!rollingUpdate.isMissingNode()) {
                    errs.invalid(path.child("rollingUpdate"), new GoValues.Literal(rollingUpdate.toString()),
                            "only allowed for updateStrategy 'RollingUpdate'");
                }
            }
            default -> errs.invalid(path, new GoValues.Literal(strategy.toString()),
                    "must be 'RollingUpdate' or 'OnDelete'");
        }
    }

    private static ObjectNode masked(JsonNode spec) {
        ObjectNode copy = spec.isObject() ? ((ObjectNode) spec).deepCopy() : dev.j8s.api.Json.object();
        copy.remove(MUTABLE);
        return copy;
    }
}
