package dev.j8s.controllers.cronjob;

import dev.j8s.client.ApiStatusException;
import dev.j8s.client.ResourceClient;
import dev.j8s.client.events.EventRecorder;
import dev.j8s.client.informer.Indexer;
import dev.j8s.client.informer.Indexes;
import dev.j8s.controllers.framework.Copies;
import dev.j8s.controllers.framework.OwnerReferences;
import dev.j8s.controllers.framework.Reconciler;
import dev.j8s.controllers.framework.Timestamps;
import io.fabric8.kubernetes.api.model.DeleteOptions;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobStatus;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One CronJob brought forward (cronjob_controllerv2's sync): forget finished Jobs from
 * status.active, prune the history, and if a firing is due and allowed by concurrencyPolicy,
 * create its Job, named {@code <cronjob>-<scheduled minutes since the epoch>} so a firing never
 * creates two Jobs. Requeues itself at the next firing.
 */
final class CronJobReconciler implements Reconciler {

    static final String SCHEDULED_TIMESTAMP = "batch.kubernetes.io/cronjob-scheduled-timestamp";
    /** Kubernetes adds 100 ms so the clock has surely passed the firing when the key comes back. */
    private static final Duration NEXT_SCHEDULE_DELTA = Duration.ofMillis(100);

    private final Indexer<CronJob> cronJobs;
    private final Indexer<Job> jobs;
    private final ResourceClient<CronJob> cronJobClient;
    private final ResourceClient<Job> jobClient;
    private final EventRecorder recorder;
    private final Clock clock;

    CronJobReconciler(Indexer<CronJob> cronJobs, Indexer<Job> jobs, ResourceClient<CronJob> cronJobClient,
                      ResourceClient<Job> jobClient, EventRecorder recorder, Clock clock) {
        this.cronJobs = cronJobs;
        this.jobs = jobs;
        this.cronJobClient = cronJobClient;
        this.jobClient = jobClient;
        this.recorder = recorder;
        this.clock = clock;
    }

    @Override
    public Result reconcile(String key) {
        CronJob cj = cronJobs.get(key);
        if (cj == null || cj.getMetadata().getDeletionTimestamp() != null) {
            return Result.done();
        }
        Instant now = clock.instant();
        CronJobStatus status = cj.getStatus() == null ? new CronJobStatus() : Copies.deepCopy(cj.getStatus());
        List<Job> owned = jobs.byIndex(Indexes.NAMESPACE, cj.getMetadata().getNamespace()).stream()
                .filter(j -> OwnerReferences.isControlledBy(j, cj)).toList();
        List<Job> running = new ArrayList<>();
        for (Job job : owned) {
            Optional<String> finished = finishedType(job);
            if (finished.isEmpty()) {
                running.add(job);
            } else if ("Complete".equals(finished.get()) && job.getStatus().getCompletionTime() != null) {
                Instant done = Timestamps.parse(job.getStatus().getCompletionTime());
                Instant last = Timestamps.parse(status.getLastSuccessfulTime());
                if (last == null || done.isAfter(last)) {
                    status.setLastSuccessfulTime(Timestamps.format(done));
                }
            }
        }
        pruneHistory(cj, owned);

        ZoneId zone = cj.getSpec().getTimeZone() == null ? ZoneId.systemDefault() : ZoneId.of(cj.getSpec().getTimeZone());
        CronSchedule schedule = CronSchedule.parse(cj.getSpec().getSchedule(), zone);
        ScheduleWindow window = ScheduleWindow.compute(schedule, Timestamps.parse(status.getLastScheduleTime()),
                Timestamps.parse(cj.getMetadata().getCreationTimestamp()), cj.getSpec().getStartingDeadlineSeconds(), now);
        if (!Boolean.TRUE.equals(cj.getSpec().getSuspend()) && window.mostRecent().isPresent()) {
            if (window.tooManyMissed()) {
                recorder.event(cj, EventRecorder.WARNING, "TooManyMissedTimes", "too many missed start times: "
                        + window.missed() + ". Set or decrease .spec.startingDeadlineSeconds or check clock skew");
            }
            running = startIfAllowed(cj, window.mostRecent().get(), running, status, zone);
        }
        status.setActive(running.stream().map(CronJobReconciler::reference).toList());
        if (!Objects.equals(status, cj.getStatus())) {
            CronJob copy = Copies.deepCopy(cj);
            copy.setStatus(status);
            cronJobClient.updateStatus(copy);
        }
        return window.next().map(t -> Result.requeueAfter(Duration.between(now, t).plus(NEXT_SCHEDULE_DELTA)))
                .orElse(Result.done());
    }

    /** Returns the Jobs running afterwards. */
    private List<Job> startIfAllowed(CronJob cj, Instant scheduled, List<Job> running, CronJobStatus status, ZoneId zone) {
        String name = jobName(cj, scheduled);
        if (running.stream().anyMatch(j -> j.getMetadata().getName().equals(name))) {
            return running; // this firing already has its Job
        }
        switch (ConcurrencyDecision.decide(cj.getSpec().getConcurrencyPolicy(), running.size())) {
            case SKIP -> {
                recorder.event(cj, EventRecorder.NORMAL, "JobAlreadyActive",
                        "Not starting job because prior execution is running and concurrency policy is Forbid");
                return running;
            }
            case REPLACE -> {
                for (Job job : running) {
                    delete(job);
                    recorder.eventf(cj, EventRecorder.NORMAL, "SuccessfulDelete", "Deleted job %s",
                            job.getMetadata().getName());
                }
                running = List.of();
            }
            case START -> { }
        }
        Job job = newJob(cj, name, scheduled, zone);
        Job created;
        try {
            created = jobClient.create(job);
            recorder.eventf(cj, EventRecorder.NORMAL, "SuccessfulCreate", "Created job %s", name);
        } catch (ApiStatusException e) {
            if (!e.isAlreadyExists()) {
                throw e;
            }
            created = jobClient.get(cj.getMetadata().getNamespace(), name);
        }
        status.setLastScheduleTime(Timestamps.format(scheduled));
        List<Job> out = new ArrayList<>(running);
        out.add(created);
        return out;
    }

    static String jobName(CronJob cj, Instant scheduled) {
        return cj.getMetadata().getName() + "-" + scheduled.getEpochSecond() / 60;
    }

    private static Job newJob(CronJob cj, String name, Instant scheduled, ZoneId zone) {
        var template = cj.getSpec().getJobTemplate();
        ObjectMeta meta = template.getMetadata() == null ? new ObjectMeta() : Copies.deepCopy(template.getMetadata());
        meta.setName(name);
        meta.setGenerateName(null);
        meta.setNamespace(cj.getMetadata().getNamespace());
        Map<String, String> annotations = meta.getAnnotations() == null ? new HashMap<>() : new HashMap<>(meta.getAnnotations());
        annotations.put(SCHEDULED_TIMESTAMP, DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(scheduled.atZone(zone)));
        meta.setAnnotations(annotations);
        meta.setOwnerReferences(List.of(OwnerReferences.newControllerRef(cj)));
        Job job = new Job();
        job.setMetadata(meta);
        job.setSpec(Copies.deepCopy(template.getSpec()));
        return job;
    }

    private void pruneHistory(CronJob cj, List<Job> owned) {
        List<JobHistory.FinishedJob> finished = new ArrayList<>();
        for (Job job : owned) {
            finishedType(job).ifPresent(type -> finished.add(new JobHistory.FinishedJob(job.getMetadata().getName(),
                    "Complete".equals(type), Optional.ofNullable(Timestamps.parse(job.getStatus().getStartTime()))
                            .orElse(Timestamps.parse(job.getMetadata().getCreationTimestamp())))));
        }
        for (String name : JobHistory.toDelete(finished, cj.getSpec().getSuccessfulJobsHistoryLimit(),
                cj.getSpec().getFailedJobsHistoryLimit())) {
            owned.stream().filter(j -> j.getMetadata().getName().equals(name)).findFirst().ifPresent(this::delete);
        }
    }

    private void delete(Job job) {
        DeleteOptions options = new DeleteOptions();
        options.setPropagationPolicy("Background");
        try {
            jobClient.delete(job.getMetadata().getNamespace(), job.getMetadata().getName(), options);
        } catch (ApiStatusException e) {
            if (!e.isNotFound()) {
                throw e;
            }
        }
    }

    /** "Complete" or "Failed" once the Job finished. */
    private static Optional<String> finishedType(Job job) {
        List<JobCondition> conditions = job.getStatus() == null ? null : job.getStatus().getConditions();
        if (conditions == null) {
            return Optional.empty();
        }
        return conditions.stream().filter(c -> "True".equals(c.getStatus()))
                .map(JobCondition::getType).filter(t -> t.equals("Complete") || t.equals("Failed")).findFirst();
    }

    private static ObjectReference reference(Job job) {
        return new ObjectReferenceBuilder().withApiVersion("batch/v1").withKind("Job")
                .withName(job.getMetadata().getName()).withNamespace(job.getMetadata().getNamespace())
                .withUid(job.getMetadata().getUid()).build();
    }
}
