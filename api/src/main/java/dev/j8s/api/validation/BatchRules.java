package dev.j8s.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.j8s.api.StatusCause;
import java.util.List;
import java.util.regex.Pattern;

/** Job and CronJob validation (pkg/apis/batch/validation). */
final class BatchRules {

    private static final List<String> JOB_RESTART = List.of("OnFailure", "Never");
    private static final Pattern CRON_FIELD = Pattern.compile("[0-9A-Za-z*?,/\\-]+");
    private static final List<String> DESCRIPTORS = List.of("@yearly", "@annually", "@monthly", "@weekly", "@daily",
            "@midnight", "@hourly");

    private BatchRules() {}

    static void job(JsonNode job, JsonNode old, List<StatusCause> out) {
        jobSpec(job.path("spec"), "spec", out);
        if (old != null) {
            JsonNode oldSpec = old.path("spec");
            if (!oldSpec.path("selector").equals(job.path("spec").path("selector"))) {
                out.add(StatusCause.invalid("spec.selector", job.path("spec").path("selector").toString(),
                        "field is immutable"));
            }
            if (!oldSpec.path("completions").equals(job.path("spec").path("completions"))
                    && !oldSpec.path("completionMode").asText().equals("Indexed")) {
                out.add(StatusCause.invalid("spec.completions", job.path("spec").path("completions").asText(),
                        "field is immutable"));
            }
        }
    }

    static void jobSpec(JsonNode spec, String path, List<StatusCause> out) {
        for (String f : new String[] {"parallelism", "completions", "backoffLimit", "activeDeadlineSeconds",
                "ttlSecondsAfterFinished"}) {
            JsonNode v = spec.path(f);
            if (v.isNumber() && v.asLong() < 0) {
                out.add(StatusCause.invalid(path + "." + f, v.asLong(), "must be greater than or equal to 0"));
            }
        }
        JsonNode podSpec = spec.path("template").path("spec");
        String restart = podSpec.path("restartPolicy").asText("");
        if (restart.isEmpty() || restart.equals("Always")) {
            out.add(StatusCause.notSupported(path + ".template.spec.restartPolicy", restart, JOB_RESTART));
        }
        PodSpecRules.validate(podSpec, path + ".template.spec", PodSpecRules.RESTART_POLICIES, out);
    }

    static void cronJob(JsonNode cj, List<StatusCause> out) {
        JsonNode spec = cj.path("spec");
        String schedule = spec.path("schedule").asText("");
        if (schedule.isEmpty()) {
            out.add(StatusCause.required("spec.schedule"));
        } else if (schedule.contains("TZ")) {
            out.add(StatusCause.invalid("spec.schedule", schedule,
                    "cannot use TZ or CRON_TZ in schedule, use timeZone field instead"));
        } else if (!validSchedule(schedule)) {
            out.add(StatusCause.invalid("spec.schedule", schedule, "unparseable schedule"));
        }
        String policy = spec.path("concurrencyPolicy").asText("Allow");
        if (!List.of("Allow", "Forbid", "Replace").contains(policy)) {
            out.add(StatusCause.notSupported("spec.concurrencyPolicy", policy, List.of("Allow", "Forbid", "Replace")));
        }
        jobSpec(spec.path("jobTemplate").path("spec"), "spec.jobTemplate.spec", out);
    }

    static boolean validSchedule(String schedule) {
        String s = schedule.trim();
        if (s.startsWith("@")) {
            return DESCRIPTORS.contains(s) || s.matches("@every [0-9hms.]+");
        }
        String[] fields = s.split("\\s+");
        if (fields.length != 5) {
            return false;
        }
        for (String f : fields) {
            if (!CRON_FIELD.matcher(f).matches()) {
                return false;
            }
        }
        return true;
    }
}
