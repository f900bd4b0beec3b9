package dev.j8s.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.ZoneId;
import java.util.List;

/** batch/v1 CronJob: {@code ValidateCronJobCreate} / {@code ValidateCronJobSpec}. */
final class CronJobRules implements KindRules {

    private static final FieldPath SPEC = FieldPath.root("spec");
    private static final List<String> CONCURRENCY = List.of("Allow", "Forbid", "Replace");
    /** Job names get an 11-character suffix, and must stay a DNS-1035 label. */
    private static final int MAX_NAME = 63 - 11;

    @Override
    public void validate(ObjectNode object, FieldErrors errs) {
        String name = Nodes.text(Nodes.get(object, "metadata"), "name");
        if (name.length() > MAX_NAME) {
            errs.invalid(FieldPath.root("metadata").child("name"), name, "must be no more than 52 characters");
        }
        JsonNode spec = Nodes.get(object, "spec");
        String schedule = Nodes.text(spec, "schedule");
        if (schedule.isEmpty()) {
            errs.required(SPEC.child("schedule"), "");
        } else {
            CronSchedule.parseError(schedule).ifPresent(e -> errs.invalid(SPEC.child("schedule"), schedule, e));
            if (schedule.contains("TZ")) {
                errs.invalid(SPEC.child("schedule"), schedule,
                        "cannot use TZ or CRON_TZ in schedule, use timeZone field instead");
            }
        }
        String timeZone = Nodes.text(spec, "timeZone");
        if (Nodes.has(spec, "timeZone") && !validZone(timeZone)) {
            errs.invalid(SPEC.child("timeZone"), timeZone, "unknown time zone " + timeZone);
        }
        String concurrency = Nodes.text(spec, "concurrencyPolicy");
        if (!concurrency.isEmpty() && !CONCURRENCY.contains(concurrency)) {
            errs.notSupported(SPEC.child("concurrencyPolicy"), concurrency, CONCURRENCY);
        }
        for (String f : List.of("startingDeadlineSeconds", "successfulJobsHistoryLimit", "failedJobsHistoryLimit")) {
            errs.nonNegative(SPEC.child(f), Nodes.number(spec, f));
        }
        JsonNode jobSpec = Nodes.get(Nodes.get(spec, "jobTemplate"), "spec");
        FieldPath jobSpecPath = SPEC.child("jobTemplate", "spec");
        JobRules.validateSpec(jobSpec, jobSpecPath, errs);
        // The controller generates each Job's selector; a template may not bring its own.
        JsonNode selector = Nodes.get(jobSpec, "selector");
        if (!selector.isMissingNode()) {
            errs.invalid(jobSpecPath.child("selector"), GoValues.labelSelector(selector), "`selector` will be auto-generated");
        }
        if (Nodes.bool(jobSpec, "manualSelector")) {
            errs.notSupported(jobSpecPath.child("manualSelector"), true, List.of("nil", "false"));
        }
    }

    private static boolean validZone(String zone) {
        if (zone.isEmpty() || zone.equalsIgnoreCase("local")) {
            return false;
        }
        try {
            ZoneId.of(zone);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
