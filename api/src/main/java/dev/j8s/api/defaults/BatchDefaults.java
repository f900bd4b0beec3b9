package dev.j8s.api.defaults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** batch/v1 defaults ({@code pkg/apis/batch/v1/defaults.go}) and the Job's generated selector. */
final class BatchDefaults {

    static final String CONTROLLER_UID = "batch.kubernetes.io/controller-uid";
    static final String JOB_NAME = "batch.kubernetes.io/job-name";
    static final String LEGACY_CONTROLLER_UID = "controller-uid";
    static final String LEGACY_JOB_NAME = "job-name";

    private BatchDefaults() {}

    /** {@code SetDefaults_Job}. */
    static void job(ObjectNode job) {
        ObjectNode spec = Fields.object(job, "spec");
        jobSpec(spec);
        // Object labels default to the template's labels (as a shared map in Go).
        JsonNode templateLabels = spec.path("template").path("metadata").path("labels");
        ObjectNode meta = Fields.object(job, "metadata");
        if (templateLabels.isObject() && !templateLabels.isEmpty() && meta.path("labels").isEmpty()) {
            meta.set("labels", templateLabels.deepCopy());
        }
    }

    static void jobSpec(ObjectNode spec) {
        if (Fields.absent(spec, "completions") && Fields.absent(spec, "parallelism")) {
            spec.put("completions", 1);
            spec.put("parallelism", 1);
        }
        Fields.number(spec, "parallelism", 1);
        if (Fields.absent(spec, "backoffLimit")) {
            // With a per-index limit the global one is effectively unlimited.
            spec.put("backoffLimit", Fields.absent(spec, "backoffLimitPerIndex") ? 6 : Integer.MAX_VALUE);
        }
        Fields.text(spec, "completionMode", "NonIndexed");
        Fields.bool(spec, "suspend", false);
        Fields.bool(spec, "manualSelector", false);
        if (Fields.blank(spec, "podReplacementPolicy")) {
            spec.put("podReplacementPolicy", Fields.absent(spec, "podFailurePolicy") ? "TerminatingOrFailed" : "Failed");
        }
        PodSpecDefaults.applyTemplate(spec);
    }

    /**
     * What the Job registry does on create when {@code manualSelector} is not true: label the
     * template with the job's name and uid (both prefixed and legacy keys) and select on
     * {@code batch.kubernetes.io/controller-uid}. Also copies the labels to the Job's own
     * metadata when it has none, as Kubernetes' re-defaulting on read does.
     */
    static void jobSelector(ObjectNode job, String uid) {
        ObjectNode spec = Fields.object(job, "spec");
        if (spec.path("manualSelector").asBoolean(false)) {
            return;
        }
        ObjectNode meta = Fields.object(job, "metadata");
        String name = meta.path("name").asText("");
        ObjectNode template = Fields.object(spec, "template");
        ObjectNode labels = Fields.object(Fields.object(template, "metadata"), "labels");
        putIfMissing(labels, LEGACY_JOB_NAME, name);
        putIfMissing(labels, JOB_NAME, name);
        putIfMissing(labels, LEGACY_CONTROLLER_UID, uid);
        putIfMissing(labels, CONTROLLER_UID, uid);
        ObjectNode matchLabels = Fields.object(Fields.object(spec, "selector"), "matchLabels");
        putIfMissing(matchLabels, CONTROLLER_UID, uid);
        if (meta.path("labels").isEmpty()) {
            meta.set("labels", labels.deepCopy());
        }
    }

    /** {@code SetDefaults_CronJob}. */
    static void cronJob(ObjectNode cronJob) {
        ObjectNode spec = Fields.object(cronJob, "spec");
        Fields.text(spec, "concurrencyPolicy", "Allow");
        Fields.bool(spec, "suspend", false);
        Fields.number(spec, "successfulJobsHistoryLimit", 3);
        Fields.number(spec, "failedJobsHistoryLimit", 1);
        // SetDefaults_Job runs on Jobs only: a jobTemplate gets just the pod template defaults.
        ObjectNode jobTemplate = Fields.existing(spec, "jobTemplate");
        if (jobTemplate != null) {
            PodSpecDefaults.applyTemplate(Fields.object(jobTemplate, "spec"));
        }
    }

    private static void putIfMissing(ObjectNode map, String key, String value) {
        if (!map.has(key)) {
            map.put(key, value);
        }
    }
}
