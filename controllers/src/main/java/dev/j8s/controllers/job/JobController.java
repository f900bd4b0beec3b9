package dev.j8s.controllers.job;

import dev.j8s.client.KubeClient;
import dev.j8s.client.events.EventRecorder;
import dev.j8s.client.informer.ObjectKeys;
import dev.j8s.client.informer.ResourceEventHandler;
import dev.j8s.client.informer.SharedIndexInformer;
import dev.j8s.client.informer.SharedInformerFactory;
import dev.j8s.client.time.Scheduler;
import dev.j8s.controllers.framework.PodClaims;
import dev.j8s.controllers.framework.ControllerRunner;
import dev.j8s.controllers.framework.Expectations;
import dev.j8s.controllers.framework.OwnerReferences;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Duration;
import java.util.Optional;

/**
 * The Job controller: runs a Job's pods to completion. Handlers enqueue the owning Job's key and
 * account for observed pod creates and deletes; the {@link JobReconciler} does the rest.
 */
public final class JobController implements AutoCloseable {

    public static final String NAME = "job-controller";

    /** Pod replacement backoff after failures, and its cap (Kubernetes: 10 s and 6 min). */
    public record Settings(Duration podFailureBackoff, Duration maxPodFailureBackoff) {
        public static final Settings DEFAULTS = new Settings(Duration.ofSeconds(10), Duration.ofMinutes(6));
    }

    private final SharedIndexInformer<Job> jobs;
    private final Expectations expectations;
    private final ControllerRunner runner;

    public JobController(KubeClient client, SharedInformerFactory informers, EventRecorder recorder,
                         Scheduler scheduler, int workers, Settings settings) {
        this.jobs = informers.informerFor(Job.class);
        SharedIndexInformer<Pod> pods = informers.informerFor(Pod.class);
        PodClaims.indexCandidates(pods);
        this.expectations = new Expectations(scheduler.clock());
        JobReconciler reconciler = new JobReconciler(jobs.indexer(), pods.indexer(), client.resources(Job.class),
                client.resources(Pod.class), expectations, recorder, scheduler.clock(), settings);
        this.runner = new ControllerRunner(NAME, reconciler, workers, scheduler);
        jobs.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Job job) {
                runner.enqueue(ObjectKeys.key(job));
            }

            @Override
            public void onUpdate(Job oldJob, Job newJob) {
                runner.enqueue(ObjectKeys.key(newJob));
            }

            @Override
            public void onDelete(Job job) {
                expectations.forget(ObjectKeys.key(job));
            }
        });
        pods.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                owningJobKey(pod).ifPresent(key -> {
                    expectations.creationObserved(key);
                    runner.enqueue(key);
                });
            }

            @Override
            public void onUpdate(Pod oldPod, Pod newPod) {
                owningJobKey(newPod).ifPresent(runner::enqueue);
            }

            @Override
            public void onDelete(Pod pod) {
                owningJobKey(pod).ifPresent(key -> {
                    expectations.deletionObserved(key, ObjectKeys.key(pod));
                    runner.enqueue(key);
                });
            }
        });
    }

    public void start() {
        runner.start();
    }

    @Override
    public void close() {
        runner.close();
    }

    private Optional<String> owningJobKey(Pod pod) {
        Optional<OwnerReference> ref = OwnerReferences.controllerOf(pod);
        if (ref.isEmpty() || !"Job".equals(ref.get().getKind())) {
            return Optional.empty();
        }
        String key = ObjectKeys.key(pod.getMetadata().getNamespace(), ref.get().getName());
        Job job = jobs.indexer().get(key);
        return job != null && job.getMetadata().getUid().equals(ref.get().getUid()) ? Optional.of(key) : Optional.empty();
    }
}
