package dev.j8s.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/** batch/v1 Job: {@code ValidateJob} (generated selector, spec, template) and {@code ValidateJobSpecUpdate}. */
final class JobRules implements KindRules {

    static final String CONTROLLER_UID = "batch.kubernetes.io/controller-uid";
    static final String JOB_NAME = "batch.kubernetes.io/job-name";
    static final String LEGACY_CONTROLLER_UID = "controller-uid";
    static final String LEGACY_JOB_NAME = "job-name";
    private static final FieldPath SPEC = FieldPath.root("spec");
    private static final List<String> COMPLETION_MODES = List.of("NonIndexed", "Indexed");
    private static final List<String> REPLACEMENT_POLICIES = List.of("Failed", "TerminatingOrFailed");

    @Override
    public void validate(ObjectNode object, FieldErrors errs) {
        validateGeneratedSelector(object, errs);
        JsonNode spec = Nodes.get(object, "spec");
        validateSpec(spec, SPEC, errs);
        JsonNode selector = Nodes.get(spec, "selector");
        if (selector.isMissingNode()) {
            errs.required(SPEC.child("selector"), "");
        } else {
            LabelSelectors.validate(selector, SPEC.child("selector"), errs);
            if (LabelSelectors.isConvertible(selector)) {
                JsonNode meta = Nodes.get(Nodes.get(spec, "template"), "metadata");
                if (!LabelSelectors.matches(selector, Nodes.stringMap(meta, "labels"))) {
                    errs.invalid(SPEC.child("template", "metadata", "labels"), GoValues.stringMap(Nodes.get(meta, "labels")),
                            "`selector` does not match template `labels`");
                }
            }
        }
    }

    /** Selector, completionMode and (for started jobs) the template are fixed after creation. */
    @Override
    public void validateUpdate(ObjectNode object, ObjectNode old, FieldErrors errs) {
        JsonNode spec = Nodes.get(object, "spec");
        JsonNode oldSpec = Nodes.get(old, "spec");
        WorkloadRules.selectorImmutable(spec, oldSpec, errs);
        boolean indexed = "Indexed".equals(Nodes.text(spec, "completionMode"));
        if (!indexed && !Nodes.get(spec, "completions").equals(Nodes.get(oldSpec, "completions"))) {
            errs.immutable(SPEC.child("completions"), Nodes.number(spec, "completions"));
        }
        for (String f : List.of("completionMode", "podFailurePolicy", "backoffLimitPerIndex")) {
            if (!Nodes.get(spec, f).equals(Nodes.get(oldSpec, f))) {
                JsonNode v = Nodes.get(spec, f);
                errs.immutable(SPEC.child(f), v.isValueNode() ? (Object) v : new GoValues.Literal(v.toString()));
            }
        }
        if (!Nodes.get(spec, "template").equals(Nodes.get(oldSpec, "template"))) {
            errs.immutable(SPEC.child("template"), new GoValues.Literal(Nodes.get(spec, "template").toString()));
        }
    }

    /** Shared with the CronJob's jobTemplate: {@code validateJobSpec}. */
    static void validateSpec(JsonNode spec, FieldPath path, FieldErrors errs) {
        for (String f : List.of("parallelism", "completions", "activeDeadlineSeconds", "backoffLimit",
                "ttlSecondsAfterFinished", "backoffLimitPerIndex", "maxFailedIndexes")) {
            errs.nonNegative(path.child(f), Nodes.number(spec, f));
        }
        String mode = Nodes.text(spec, "completionMode");
        if (!mode.isEmpty() && !COMPLETION_MODES.contains(mode)) {
            errs.notSupported(path.child("completionMode"), mode, COMPLETION_MODES);
        }
        if (mode.equals("Indexed") && !Nodes.has(spec, "completions")) {
            errs.required(path.child("completions"), "when completion mode is Indexed");
        }
        if (!mode.equals("Indexed")) {
            for (String f : List.of("backoffLimitPerIndex", "maxFailedIndexes")) {
                if (Nodes.has(spec, f)) {
                    errs.invalid(path.child(f), Nodes.number(spec, f), "requires indexed completion mode");
                }
            }
        }
        String replacement = Nodes.text(spec, "podReplacementPolicy");
        if (!replacement.isEmpty() && !REPLACEMENT_POLICIES.contains(replacement)) {
            errs.notSupported(path.child("podReplacementPolicy"), replacement, REPLACEMENT_POLICIES);
        }
        JsonNode template = Nodes.get(spec, "template");
        PodSpecRules.validateTemplate(template, path.child("template"), errs);
        // An absent restartPolicy is defaulted to Always, which a Job cannot use.
        String restartPolicy = Nodes.text(Nodes.get(template, "spec"), "restartPolicy");
        FieldPath rp = path.child("template", "spec", "restartPolicy");
        if (restartPolicy.isEmpty() || restartPolicy.equals("Always")) {
            errs.required(rp, "valid values: \"OnFailure\", \"Never\"");
        } else if (!restartPolicy.equals("OnFailure") && !restartPolicy.equals("Never")) {
            errs.notSupported(rp, restartPolicy, List.of("OnFailure", "Never"));
        } else if (Nodes.has(spec, "podFailurePolicy") && !restartPolicy.equals("Never")) {
            errs.invalid(rp, restartPolicy, "only \"Never\" is supported when podFailurePolicy is specified");
        }
    }

    /** With a generated selector, the template must carry the uid and name labels the selector uses. */
    private static void validateGeneratedSelector(JsonNode job, FieldErrors errs) {
        JsonNode spec = Nodes.get(job, "spec");
        if (Nodes.bool(spec, "manualSelector") || !Nodes.has(spec, "selector")) {
            return;
        }
        JsonNode meta = Nodes.get(job, "metadata");
        String uid = Nodes.text(meta, "uid");
        String name = Nodes.text(meta, "name");
        if (uid.isEmpty()) {
            errs.required(FieldPath.root("metadata").child("uid"), "");
        }
        FieldPath templateMeta = SPEC.child("template", "metadata");
        JsonNode labels = Nodes.get(Nodes.get(Nodes.get(spec, "template"), "metadata"), "labels");
        hasLabel(labels, templateMeta, LEGACY_CONTROLLER_UID, uid, errs);
        hasLabel(labels, templateMeta, LEGACY_JOB_NAME, name, errs);
        hasLabel(labels, templateMeta, CONTROLLER_UID, uid, errs);
        hasLabel(labels, templateMeta, JOB_NAME, name, errs);
        JsonNode selector = Nodes.get(spec, "selector");
        Map<String, String> expected = Map.of(CONTROLLER_UID, uid, JOB_NAME, name, LEGACY_CONTROLLER_UID, uid,
                LEGACY_JOB_NAME, name);
        if (LabelSelectors.isConvertible(selector) && !LabelSelectors.matches(selector, expected)) {
            errs.invalid(SPEC.child("selector"), GoValues.labelSelector(selector), "`selector` not auto-generated");
        }
    }

    private static void hasLabel(JsonNode labels, FieldPath meta, String key, String expected, FieldErrors errs) {
        JsonNode actual = labels.get(key);
        if (actual == null) {
            errs.required(meta.child("labels").key(key), expected);
        } else if (!actual.asText().equals(expected)) {
            errs.invalid(meta.child("labels").key(key), GoValues.stringMap(labels), "must be '" + expected + "'");
        }
    }
}
