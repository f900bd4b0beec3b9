package dev.j8s.controllers.cronjob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.j8s.client.ListOptions;
import dev.j8s.client.ResourceClient;
import dev.j8s.client.time.ManualScheduler;
import dev.j8s.controllers.batchtest.BatchTestCluster;
import dev.j8s.controllers.framework.Timestamps;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CronJobControllerTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private BatchTestCluster cluster;
    private ManualScheduler time;
    private CronJobController controller;
    private ResourceClient<CronJob> cronJobs;
    private ResourceClient<Job> jobs;

    @BeforeEach
    void start() throws Exception {
        cluster = new BatchTestCluster();
        // The fake clock starts at the real time: the server stamps creationTimestamp with it.
        time = new ManualScheduler(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        controller = new CronJobController(cluster.client, cluster.informers, (o, t, r, m) -> { }, time, 1);
        cluster.informers.start();
        cluster.informers.waitForCacheSync(WAIT);
        controller.start();
        cronJobs = cluster.client.resources(CronJob.class);
        jobs = cluster.client.resources(Job.class);
    }

    @AfterEach
    void stop() throws Exception {
        controller.close();
        cluster.close();
    }

    private CronJob create(String ns, String policy) {
        return cronJobs.create(new CronJobBuilder().withNewMetadata().withName("tick").withNamespace(ns).endMetadata()
                .withNewSpec().withSchedule("* * * * *").withTimeZone("UTC").withConcurrencyPolicy(policy)
                .withNewJobTemplate().withNewSpec().withNewTemplate().withNewSpec().withRestartPolicy("Never")
                .addNewContainer().withName("main").withImage("busybox").endContainer()
                .endSpec().endTemplate().endSpec().endJobTemplate().endSpec().build());
    }

    private List<String> jobNames(String ns) {
        return jobs.list(ns, ListOptions.ALL).items().stream().map(j -> j.getMetadata().getName()).sorted().toList();
    }

    /** Moves the fake clock past {@code firing}, with room for the clock steps a concurrent worker saw. */
    private void advancePast(Instant firing) {
        time.advance(Duration.between(time.now(), firing).plusSeconds(5));
    }

    @Test
    void createsOneJobPerFiringNamedByTheScheduledMinute() {
        String ns = cluster.namespace("cron-allow");
        CronJob cj = create(ns, "Allow");
        Instant first = Timestamps.parse(cj.getMetadata().getCreationTimestamp()).truncatedTo(ChronoUnit.MINUTES)
                .plus(Duration.ofMinutes(1));
        await().atMost(WAIT).until(() -> time.pendingTasks() > 0); // the first sync asked to come back
        assertThat(jobNames(ns)).isEmpty();

        advancePast(first);
        String firstName = "tick-" + first.getEpochSecond() / 60;
        await().atMost(WAIT).until(() -> jobNames(ns).equals(List.of(firstName)));
        Job job = jobs.get(ns, firstName);
        assertThat(job.getMetadata().getOwnerReferences()).singleElement().matches(r -> r.getKind().equals("CronJob"));
        assertThat(job.getMetadata().getAnnotations()).containsKey(CronJobReconciler.SCHEDULED_TIMESTAMP);
        await().atMost(WAIT).until(() -> cronJobs.get(ns, "tick").getStatus().getActive().size() == 1);
        assertThat(cronJobs.get(ns, "tick").getStatus().getLastScheduleTime()).isEqualTo(Timestamps.format(first));

        // Allow: the next firing starts another Job while the first still runs.
        Instant second = first.plus(Duration.ofMinutes(1));
        advancePast(second);
        await().atMost(WAIT).until(() -> jobNames(ns).size() == 2);
        assertThat(jobNames(ns)).contains("tick-" + second.getEpochSecond() / 60);
    }

    @Test
    void forbidSkipsWhileAJobRunsAndStartsTheMissedFiringAfterIt() {
        String ns = cluster.namespace("cron-forbid");
        CronJob cj = create(ns, "Forbid");
        Instant first = Timestamps.parse(cj.getMetadata().getCreationTimestamp()).truncatedTo(ChronoUnit.MINUTES)
                .plus(Duration.ofMinutes(1));
        await().atMost(WAIT).until(() -> time.pendingTasks() > 0);
        advancePast(first);
        String firstName = "tick-" + first.getEpochSecond() / 60;
        await().atMost(WAIT).until(() -> jobNames(ns).equals(List.of(firstName)));

        Instant second = first.plus(Duration.ofMinutes(1));
        advancePast(second);
        await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> jobNames(ns).equals(List.of(firstName)));

        // The running Job completes: the firing it blocked is due still and starts now.
        Job running = jobs.get(ns, firstName);
        String now = Timestamps.format(time.now());
        running.setStatus(new io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder().withSucceeded(1)
                .withStartTime(now).withCompletionTime(now)
                .withConditions(new JobConditionBuilder().withType("Complete").withStatus("True").build()).build());
        jobs.updateStatus(running);
        await().atMost(WAIT).until(() -> jobNames(ns).contains("tick-" + second.getEpochSecond() / 60));
        await().atMost(WAIT).until(() -> now.equals(cronJobs.get(ns, "tick").getStatus().getLastSuccessfulTime()));
    }
}
