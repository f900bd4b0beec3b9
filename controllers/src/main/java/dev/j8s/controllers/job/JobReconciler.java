package dev.j8s.controllers.job;

import dev.j8s.client.ApiStatusException;
import dev.j8s.client.ResourceClient;
import dev.j8s.client.events.EventRecorder;
import dev.j8s.client.informer.Indexer;
import dev.j8s.client.informer.ObjectKeys;
import dev.j8s.controllers.framework.Copies;
import dev.j8s.controllers.framework.Expectations;
import dev.j8s.controllers.framework.OwnerReferences;
import dev.j8s.controllers.framework.PodClaims;
import dev.j8s.controllers.framework.PodReadiness;
import dev.j8s.controllers.framework.Reconciler;
import dev.j8s.controllers.framework.Timestamps;
import dev.j8s.controllers.job.JobPlanner.Outcome;
import dev.j8s.controllers.job.JobPlanner.Plan;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.DeleteOptions;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PreconditionsBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One Job brought forward (job_controller's syncJob): count its pods, let the {@link JobPlanner}
 * decide, create or delete pods, write the status, and once the Job finished delete it after
 * ttlSecondsAfterFinished (the TTL-after-finished controller's rule, folded in here).
 */
final class JobReconciler implements Reconciler {

    private final Indexer<Job> jobs;
    private final Indexer<Pod> pods;
    private final ResourceClient<Job> jobClient;
    private final ResourceClient<Pod> podClient;
    private final Expectations expectations;
    private final EventRecorder recorder;
    private final Clock clock;
    private final JobController.Settings settings;

    JobReconciler(Indexer<Job> jobs, Indexer<Pod> pods, ResourceClient<Job> jobClient, ResourceClient<Pod> podClient,
                  Expectations expectations, EventRecorder recorder, Clock clock, JobController.Settings settings) {
        this.jobs = jobs;
        this.pods = pods;
        this.jobClient = jobClient;
        this.podClient = podClient;
        this.expectations = expectations;
        this.recorder = recorder;
        this.clock = clock;
        this.settings = settings;
    }

    @Override
    public Result reconcile(String key) {
        Job job = jobs.get(key);
        if (job == null || job.getMetadata().getDeletionTimestamp() != null) {
            expectations.forget(key);
            return Result.done();
        }
        JobStatus old = job.getStatus() == null ? new JobStatus() : job.getStatus();
        if (JobConditions.isTrue(old.getConditions(), JobConditions.COMPLETE)
                || JobConditions.isTrue(old.getConditions(), JobConditions.FAILED)) {
            return expireAfterTtl(job);
        }
        if (!expectations.satisfied(key)) {
            return Result.done(); // the informer will report our writes and enqueue the Job again
        }
        Instant now = clock.instant();
        JobSpec spec = job.getSpec();
        List<Pod> owned = ownedPods(job);
        List<Pod> active = owned.stream().filter(PodReadiness::isActive).toList();
        int terminating = (int) owned.stream().filter(p -> p.getMetadata().getDeletionTimestamp() != null
                && !terminal(p)).count();
        List<Pod> failedPods = owned.stream().filter(p -> "Failed".equals(phase(p))).toList();
        int succeeded = (int) owned.stream().filter(p -> "Succeeded".equals(phase(p))).count();
        boolean suspend = Boolean.TRUE.equals(spec.getSuspend());

        JobStatus status = Copies.deepCopy(old);
        List<JobCondition> conditions = status.getConditions() == null ? new ArrayList<>() : status.getConditions();
        if (!suspend && status.getStartTime() == null) {
            status.setStartTime(Timestamps.format(now));
        }
        Plan plan = stickyPlan(conditions).orElse(JobPlanner.plan(new JobPlanner.Input(spec.getCompletions(),
                orZero(spec.getParallelism()), spec.getBackoffLimit() == null ? 6 : spec.getBackoffLimit(),
                spec.getActiveDeadlineSeconds(), suspend, active.size(), succeeded, failedPods.size(),
                restarts(job, owned), Timestamps.parse(status.getStartTime()), now)));

        Result result = Result.done();
        int deleting = plan.delete() < 0 ? active.size() : Math.min(plan.delete(), active.size());
        deletePods(key, job, active, deleting);
        int stillRunning = active.size() - deleting + terminating;
        switch (plan.outcome()) {
            case FAILED -> {
                conditions = set(conditions, JobConditions.FAILURE_TARGET, plan, now);
                if (stillRunning == 0) {
                    conditions = set(conditions, JobConditions.FAILED, plan, now);
                    recorder.event(job, EventRecorder.WARNING, plan.reason(), plan.message());
                }
            }
            case SUCCEEDED -> {
                conditions = set(conditions, JobConditions.SUCCESS_CRITERIA_MET, plan, now);
                if (stillRunning == 0) {
                    conditions = set(conditions, JobConditions.COMPLETE, plan, now);
                    status.setCompletionTime(Timestamps.format(now));
                    recorder.event(job, EventRecorder.NORMAL, "Completed", "Job completed");
                }
            }
            case SUSPENDED -> conditions = JobConditions.CONDITIONS.set(conditions, JobConditions.of(
                    JobConditions.SUSPENDED, "True", "JobSuspended", "Job suspended", now));
            case RUNNING -> {
                if (JobConditions.isTrue(conditions, JobConditions.SUSPENDED)) {
                    conditions = JobConditions.CONDITIONS.set(conditions, JobConditions.of(
                            JobConditions.SUSPENDED, "False", "JobResumed", "Job resumed", now));
                    status.setStartTime(Timestamps.format(now)); // the deadline counts from the resume
                }
                result = createPods(key, job, plan, failedPods, now);
                if (plan.deadlineIn() != null) {
                    result = result.sooner(Result.requeueAfter(plan.deadlineIn()));
                }
            }
        }
        status.setConditions(conditions);
        status.setActive(active.size() - deleting);
        status.setReady((int) active.stream().filter(PodReadiness::isReady).count());
        status.setSucceeded(succeeded);
        status.setFailed(failedPods.size());
        status.setTerminating(terminating + deleting);
        if (!Objects.equals(status, old)) {
            Job copy = Copies.deepCopy(job);
            copy.setStatus(status);
            jobClient.updateStatus(copy);
        }
        return result;
    }

    /** Once FailureTarget or SuccessCriteriaMet is set the outcome is decided: only the remaining pods go. */
    private static java.util.Optional<Plan> stickyPlan(List<JobCondition> conditions) {
        for (String type : List.of(JobConditions.FAILURE_TARGET, JobConditions.SUCCESS_CRITERIA_MET)) {
            java.util.Optional<JobCondition> c = JobConditions.CONDITIONS.find(conditions, type)
                    .filter(x -> "True".equals(x.getStatus()));
            if (c.isPresent()) {
                Outcome outcome = type.equals(JobConditions.FAILURE_TARGET) ? Outcome.FAILED : Outcome.SUCCEEDED;
                return java.util.Optional.of(new Plan(outcome, 0, -1, c.get().getReason(), c.get().getMessage(), null));
            }
        }
        return java.util.Optional.empty();
    }

    private static List<JobCondition> set(List<JobCondition> conditions, String type, Plan plan, Instant now) {
        return JobConditions.CONDITIONS.set(conditions, JobConditions.of(type, "True", plan.reason(), plan.message(), now));
    }

    private Result createPods(String key, Job job, Plan plan, List<Pod> failedPods, Instant now) {
        if (plan.create() == 0) {
            return Result.done();
        }
        Instant lastFailure = failedPods.stream().map(JobReconciler::finishedAt).filter(Objects::nonNull)
                .max(Comparator.naturalOrder()).orElse(null);
        Duration wait = JobPlanner.creationBackoff(failedPods.size(), lastFailure, now,
                settings.podFailureBackoff(), settings.maxPodFailureBackoff());
        if (wait.isPositive()) {
            return Result.requeueAfter(wait);
        }
        expectations.expectCreations(key, plan.create());
        for (int i = 0; i < plan.create(); i++) {
            try {
                podClient.create(newPod(job));
            } catch (RuntimeException e) {
                // Each create that failed will never be observed.
                for (int j = i; j < plan.create(); j++) {
                    expectations.creationObserved(key);
                }
                recorder.event(job, EventRecorder.WARNING, "FailedCreate", "Error creating: " + e.getMessage());
                throw e;
            }
        }
        recorder.eventf(job, EventRecorder.NORMAL, "SuccessfulCreate", "Created %d pod(s)", plan.create());
        return Result.done();
    }

    /** Deletes {@code n} active pods, not-ready and youngest first. */
    private void deletePods(String key, Job job, List<Pod> active, int n) {
        if (n == 0) {
            return;
        }
        List<Pod> victims = active.stream()
                .sorted(Comparator.comparing(PodReadiness::isReady)
                        .thenComparing(p -> p.getMetadata().getCreationTimestamp(), Comparator.reverseOrder()))
                .limit(n).toList();
        expectations.expectDeletions(key, victims.stream().map(ObjectKeys::key).toList());
        for (Pod pod : victims) {
            try {
                podClient.delete(pod.getMetadata().getNamespace(), pod.getMetadata().getName(), null);
            } catch (ApiStatusException e) {
                if (!e.isNotFound()) {
                    expectations.deletionObserved(key, ObjectKeys.key(pod));
                    throw e;
                }
            }
        }
        recorder.eventf(job, EventRecorder.NORMAL, "SuccessfulDelete", "Deleted %d pod(s)", n);
    }

    private Pod newPod(Job job) {
        var template = job.getSpec().getTemplate();
        Pod pod = new Pod();
        ObjectMeta meta = template.getMetadata() == null ? new ObjectMeta() : Copies.deepCopy(template.getMetadata());
        meta.setName(null);
        meta.setGenerateName(job.getMetadata().getName() + "-");
        meta.setNamespace(job.getMetadata().getNamespace());
        meta.setOwnerReferences(List.of(OwnerReferences.newControllerRef(job)));
        pod.setMetadata(meta);
        pod.setSpec(Copies.deepCopy(template.getSpec()));
        return pod;
    }

    /** ttlSecondsAfterFinished: delete the finished Job (and, in the background, its pods). */
    private Result expireAfterTtl(Job job) {
        Long ttl = job.getSpec().getTtlSecondsAfterFinished() == null ? null
                : job.getSpec().getTtlSecondsAfterFinished().longValue();
        if (ttl == null) {
            return Result.done();
        }
        Instant finished = finishedAt(job);
        Duration left = Duration.between(clock.instant(), finished.plusSeconds(ttl));
        if (left.isPositive()) {
            return Result.requeueAfter(left);
        }
        DeleteOptions options = new DeleteOptions();
        options.setPropagationPolicy("Background");
        options.setPreconditions(new PreconditionsBuilder().withUid(job.getMetadata().getUid()).build());
        try {
            jobClient.delete(job.getMetadata().getNamespace(), job.getMetadata().getName(), options);
        } catch (ApiStatusException e) {
            if (!e.isNotFound()) {
                throw e;
            }
        }
        return Result.done();
    }

    private Instant finishedAt(Job job) {
        if (job.getStatus().getCompletionTime() != null) {
            return Timestamps.parse(job.getStatus().getCompletionTime());
        }
        return job.getStatus().getConditions().stream()
                .filter(c -> List.of(JobConditions.COMPLETE, JobConditions.FAILED).contains(c.getType()))
                .map(c -> Timestamps.parse(c.getLastTransitionTime())).filter(Objects::nonNull)
                .findFirst().orElse(clock.instant());
    }

    private List<Pod> ownedPods(Job job) {
        return PodClaims.candidates(pods, job).stream().filter(p -> OwnerReferences.isControlledBy(p, job)).toList();
    }

    /** With restartPolicy OnFailure, failing containers restart in place; their restarts count as failures. */
    private static int restarts(Job job, List<Pod> owned) {
        if (!"OnFailure".equals(job.getSpec().getTemplate().getSpec().getRestartPolicy())) {
            return 0;
        }
        int total = 0;
        for (Pod pod : owned) {
            if (pod.getStatus() != null && pod.getStatus().getContainerStatuses() != null) {
                for (ContainerStatus cs : pod.getStatus().getContainerStatuses()) {
                    total += cs.getRestartCount() == null ? 0 : cs.getRestartCount();
                }
            }
        }
        return total;
    }

    /** When a terminated pod finished: its containers' finish, else its last status change. */
    private static Instant finishedAt(Pod pod) {
        if (pod.getStatus() == null) {
            return null;
        }
        Instant latest = null;
        if (pod.getStatus().getContainerStatuses() != null) {
            for (ContainerStatus cs : pod.getStatus().getContainerStatuses()) {
                if (cs.getState() != null && cs.getState().getTerminated() != null) {
                    Instant t = Timestamps.parse(cs.getState().getTerminated().getFinishedAt());
                    latest = t != null && (latest == null || t.isAfter(latest)) ? t : latest;
                }
            }
        }
        return latest != null ? latest : Timestamps.parse(pod.getMetadata().getCreationTimestamp());
    }

    private static boolean terminal(Pod pod) {
        return "Succeeded".equals(phase(pod)) || "Failed".equals(phase(pod));
    }

    private static String phase(Pod pod) {
        return pod.getStatus() == null ? null : pod.getStatus().getPhase();
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }
}
