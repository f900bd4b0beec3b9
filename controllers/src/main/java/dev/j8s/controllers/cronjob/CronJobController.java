package dev.j8s.controllers.cronjob;

import dev.j8s.client.KubeClient;
import dev.j8s.client.events.EventRecorder;
import dev.j8s.client.informer.ObjectKeys;
import dev.j8s.client.informer.ResourceEventHandler;
import dev.j8s.client.informer.SharedIndexInformer;
import dev.j8s.client.informer.SharedInformerFactory;
import dev.j8s.client.time.Scheduler;
import dev.j8s.controllers.framework.ControllerRunner;
import dev.j8s.controllers.framework.OwnerReferences;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

/**
 * The CronJob controller on an injected clock: CronJob changes and changes of the Jobs they own
 * enqueue the CronJob; the {@link CronJobReconciler} starts due Jobs and asks to be called again
 * at the next firing.
 */
public final class CronJobController implements AutoCloseable {

    public static final String NAME = "cronjob-controller";

    private final ControllerRunner runner;

    public CronJobController(KubeClient client, SharedInformerFactory informers, EventRecorder recorder,
                             Scheduler scheduler, int workers) {
        SharedIndexInformer<CronJob> cronJobs = informers.informerFor(CronJob.class);
        SharedIndexInformer<Job> jobs = informers.informerFor(Job.class);
        CronJobReconciler reconciler = new CronJobReconciler(cronJobs.indexer(), jobs.indexer(),
                client.resources(CronJob.class), client.resources(Job.class), recorder, scheduler.clock());
        this.runner = new ControllerRunner(NAME, reconciler, workers, scheduler);
        cronJobs.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(CronJob cj) {
                runner.enqueue(ObjectKeys.key(cj));
            }

            @Override
            public void onUpdate(CronJob oldCj, CronJob newCj) {
                runner.enqueue(ObjectKeys.key(newCj));
            }
        });
        jobs.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Job job) {
                enqueueOwner(job);
            }

            @Override
            public void onUpdate(Job oldJob, Job newJob) {
                enqueueOwner(newJob);
            }

            @Override
            public void onDelete(Job job) {
                enqueueOwner(job);
            }
        });
    }

    private void enqueueOwner(Job job) {
        OwnerReferences.controllerOf(job).filter(r -> "CronJob".equals(r.getKind()))
                .ifPresent(r -> runner.enqueue(ObjectKeys.key(job.getMetadata().getNamespace(), r.getName())));
    }

    public void start() {
        runner.start();
    }

    @Override
    public void close() {
        runner.close();
    }
}
