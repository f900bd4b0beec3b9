package dev.j8s.api.table;

import static dev.j8s.api.table.ColumnListPrinter.cell;
import static dev.j8s.api.table.ColumnListPrinter.timedCell;
import static dev.j8s.api.table.CommonCells.AGE;
import static dev.j8s.api.table.CommonCells.NAME;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Printers of Jobs and CronJobs. */
final class BatchPrinters {

    private static final String[] JOB_POD_SPEC = {"spec", "template", "spec"};
    private static final String[] CRON_POD_SPEC = {"spec", "jobTemplate", "spec", "template", "spec"};

    private BatchPrinters() {}

    static Printer jobs() {
        return ColumnListPrinter.of(
                NAME,
                cell(Column.string("Status", "Status of the job."), BatchPrinters::jobStatus),
                cell(Column.string("Completions", ColumnDocs.of("batch/v1.JobStatus.succeeded")),
                        BatchPrinters::completions),
                timedCell(Column.string("Duration", "Time required to complete the job."), BatchPrinters::jobDuration),
                AGE,
                CommonCells.containers(JOB_POD_SPEC),
                CommonCells.images(JOB_POD_SPEC),
                CommonCells.selector(ColumnDocs.of("batch/v1.JobSpec.selector"), "spec", "selector"));
    }

    static Printer cronJobs() {
        return ColumnListPrinter.of(
                NAME,
                cell(Column.string("Schedule", cron("CronJobSpec.schedule")), o -> Tree.text(o, "spec", "schedule")),
                cell(Column.string("Timezone", cron("CronJobSpec.timeZone")),
                        o -> CommonCells.orNone(Tree.text(o, "spec", "timeZone"))),
                cell(Column.bool("Suspend", cron("CronJobSpec.suspend")), BatchPrinters::suspend),
                cell(Column.integer("Active", cron("CronJobStatus.active")),
                        o -> (long) Tree.size(o, "status", "active")),
                timedCell(Column.string("Last Schedule", cron("CronJobStatus.lastScheduleTime")),
                        (o, now) -> Tree.has(o, "status", "lastScheduleTime")
                                ? Timestamps.since(Tree.at(o, "status", "lastScheduleTime"), now) : "<none>"),
                AGE,
                CommonCells.containers(CRON_POD_SPEC),
                CommonCells.images(CRON_POD_SPEC),
                CommonCells.selector(ColumnDocs.of("batch/v1.JobSpec.selector"), "spec", "jobTemplate", "spec", "selector"));
    }

    /** Complete and Failed win over Terminating; then Suspended, FailureTarget, else Running. */
    static String jobStatus(JsonNode job) {
        if (conditionTrue(job, "Complete")) {
            return "Complete";
        }
        if (conditionTrue(job, "Failed")) {
            return "Failed";
        }
        if (Tree.has(job, "metadata", "deletionTimestamp")) {
            return "Terminating";
        }
        if (conditionTrue(job, "Suspended")) {
            return "Suspended";
        }
        if (conditionTrue(job, "FailureTarget")) {
            return "FailureTarget";
        }
        return "Running";
    }

    /** "succeeded/completions"; without completions "n/1", or "n/1 of p" when parallelism exceeds 1. */
    static String completions(JsonNode job) {
        long succeeded = Tree.integer(job, "status", "succeeded");
        if (Tree.has(job, "spec", "completions")) {
            return succeeded + "/" + Tree.integer(job, "spec", "completions");
        }
        long parallelism = Tree.integer(job, "spec", "parallelism");
        return parallelism > 1 ? succeeded + "/1 of " + parallelism : succeeded + "/1";
    }

    private static String jobDuration(JsonNode job, Instant now) {
        Optional<Instant> start = Timestamps.parse(Tree.at(job, "status", "startTime"));
        if (start.isEmpty()) {
            return "";
        }
        Instant end = Timestamps.parse(Tree.at(job, "status", "completionTime")).orElse(now);
        return HumanDuration.format(Duration.between(start.get(), end));
    }

    private static String suspend(JsonNode cronJob) {
        if (!Tree.has(cronJob, "spec", "suspend")) {
            return "<unset>";
        }
        return Tree.bool(cronJob, "spec", "suspend") ? "True" : "False";
    }

    /** The first condition of the type decides (Kubernetes' hasJobCondition). */
    private static boolean conditionTrue(JsonNode job, String type) {
        for (JsonNode condition : Tree.items(job, "status", "conditions")) {
            if (Tree.text(condition, "type").equals(type)) {
                return Tree.text(condition, "status").equals("True");
            }
        }
        return false;
    }

    private static String cron(String typeAndField) {
        return ColumnDocs.of("batch/v1beta1." + typeAndField);
    }
}
