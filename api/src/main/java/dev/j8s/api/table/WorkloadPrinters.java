package dev.j8s.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Columns of apps/v1 and batch/v1 resources. */
final class WorkloadPrinters {

    private WorkloadPrinters() {}

    static void register(Map<String, List<Column>> into) {
        Column containers = Column.wide("Containers", "string", "Names of each container in the template.",
                (o, now) -> String.join(",", Cells.each(template(o).path("spec").path("containers"), "name")));
        Column images = Column.wide("Images", "string", "Images referenced by each container in the template.",
                (o, now) -> String.join(",", Cells.each(template(o).path("spec").path("containers"), "image")));
        Column selector = Column.wide("Selector", "string", "The label selector of the workload.",
                (o, now) -> Cells.selector(o.path("spec").path("selector")));
        into.put("apps/deployments", List.of(Column.nameColumn(),
                Column.of("Ready", "string", "Number of the pod with ready state.",
                        (o, now) -> status(o, "readyReplicas") + "/" + o.path("spec").path("replicas").asLong(1)),
                Column.of("Up-to-date", "string", "Total number of non-terminated pods targeted by this deployment "
                        + "that have the desired template spec.", (o, now) -> status(o, "updatedReplicas")),
                Column.of("Available", "string", "Total number of available pods (ready for at least minReadySeconds) "
                        + "targeted by this deployment.", (o, now) -> status(o, "availableReplicas")),
                Column.ageColumn(), containers, images, selector));
        into.put("apps/replicasets", List.of(Column.nameColumn(),
                Column.of("Desired", "integer", "Number of desired pods.",
                        (o, now) -> o.path("spec").path("replicas").asLong(1)),
                Column.of("Current", "integer", "Number of actual replicas.", (o, now) -> status(o, "replicas")),
                Column.of("Ready", "integer", "The number of ready replicas.", (o, now) -> status(o, "readyReplicas")),
                Column.ageColumn(), containers, images, selector));
        into.put("/replicationcontrollers", List.of(Column.nameColumn(),
                Column.of("Desired", "integer", "Number of desired pods.",
                        (o, now) -> o.path("spec").path("replicas").asLong(1)),
                Column.of("Current", "integer", "Number of actual replicas.", (o, now) -> status(o, "replicas")),
                Column.of("Ready", "integer", "The number of ready replicas.", (o, now) -> status(o, "readyReplicas")),
                Column.ageColumn(), containers, images,
                Column.wide("Selector", "string", "The label selector.",
                        (o, now) -> Cells.labelMap(o.path("spec").path("selector")))));
        into.put("apps/statefulsets", List.of(Column.nameColumn(),
                Column.of("Ready", "string", "Number of the pod with ready state.",
                        (o, now) -> status(o, "readyReplicas") + "/" + o.path("spec").path("replicas").asLong(1)),
                Column.ageColumn(), containers, images));
        into.put("apps/daemonsets", List.of(Column.nameColumn(),
                Column.of("Desired", "integer", "The total number of nodes that should be running the daemon pod.",
                        (o, now) -> status(o, "desiredNumberScheduled")),
                Column.of("Current", "integer", "The number of nodes running at least one daemon pod.",
                        (o, now) -> status(o, "currentNumberScheduled")),
                Column.of("Ready", "integer", "The number of nodes that should be running the daemon pod and have one "
                        + "or more of the daemon pod running and ready.", (o, now) -> status(o, "numberReady")),
                Column.of("Up-to-date", "integer", "The total number of nodes that are running updated daemon pod.",
                        (o, now) -> status(o, "updatedNumberScheduled")),
                Column.of("Available", "integer", "The number of nodes that should be running the daemon pod and have "
                        + "one or more of the daemon pod running and available.", (o, now) -> status(o, "numberAvailable")),
                Column.of("Node Selector", "string", "NodeSelector is a selector which must be true for the pod to fit "
                        + "on a node.", (o, now) -> Cells.labelMap(template(o).path("spec").path("nodeSelector"))),
                Column.ageColumn(), containers, images, selector));
        into.put("batch/jobs", List.of(Column.nameColumn(),
                Column.of("Status", "string", "Status of the job.", (o, now) -> jobStatus(o)),
                Column.of("Completions", "string", "The completion status of the job.",
                        (o, now) -> status(o, "succeeded") + "/" + completions(o)),
                Column.of("Duration", "string", "Time required to complete the job.", WorkloadPrinters::jobDuration),
                Column.ageColumn(), containers, images, selector));
        into.put("batch/cronjobs", List.of(Column.nameColumn(),
                Column.of("Schedule", "string", "The schedule for running the job.",
                        (o, now) -> o.path("spec").path("schedule").asText("")),
                Column.of("Timezone", "string", "The time zone for the schedule.",
                        (o, now) -> Cells.text(o.path("spec").path("timeZone"), Cells.NONE)),
                Column.of("Suspend", "boolean", "Whether the cron job is suspended.",
                        (o, now) -> o.path("spec").path("suspend").asBoolean(false) ? "True" : "False"),
                Column.of("Active", "integer", "Number of currently running jobs.",
                        (o, now) -> o.path("status").path("active").size()),
                Column.of("Last Schedule", "date", "When the job was last scheduled.",
                        (o, now) -> o.path("status").hasNonNull("lastScheduleTime")
                                ? Ages.since(o.path("status").path("lastScheduleTime"), now) : Cells.NONE),
                Column.ageColumn(),
                Column.wide("Containers", "string", "Names of each container in the template.",
                        (o, now) -> String.join(",", Cells.each(jobTemplate(o).path("spec").path("containers"), "name"))),
                Column.wide("Images", "string", "Images referenced by each container in the template.",
                        (o, now) -> String.join(",", Cells.each(jobTemplate(o).path("spec").path("containers"), "image"))),
                Column.wide("Selector", "string", "The label selector of the job template.",
                        (o, now) -> Cells.selector(o.path("spec").path("jobTemplate").path("spec").path("selector")))));
    }

    private static JsonNode template(JsonNode o) {
        return o.path("spec").path("template");
    }

    private static JsonNode jobTemplate(JsonNode o) {
        return o.path("spec").path("jobTemplate").path("spec").path("template");
    }

    private static long status(JsonNode o, String field) {
        return o.path("status").path(field).asLong(0);
    }

    private static String completions(JsonNode job) {
        JsonNode completions = job.path("spec").path("completions");
        return completions.isNumber() ? completions.asText() : "1";
    }

    private static String jobStatus(JsonNode job) {
        for (JsonNode c : job.path("status").path("conditions")) {
            if (c.path("status").asText().equals("True")) {
                switch (c.path("type").asText()) {
                    case "Complete" -> { return "Complete"; }
                    case "Failed" -> { return "Failed"; }
                    case "Suspended" -> { return "Suspended"; }
                    case "FailureTarget" -> { return "FailureTarget"; }
                    case "SuccessCriteriaMet" -> { return "SuccessCriteriaMet"; }
                    default -> { }
                }
            }
        }
        return job.path("metadata").hasNonNull("deletionTimestamp") ? "Terminating" : "Running";
    }

    private static Object jobDuration(JsonNode job, Instant now) {
        JsonNode start = job.path("status").path("startTime");
        if (!start.isTextual()) {
            return "";
        }
        JsonNode end = job.path("status").path("completionTime");
        Instant until = end.isTextual() ? Instant.parse(end.asText()) : now;
        return Ages.human(Duration.between(Instant.parse(start.asText()), until));
    }
}
