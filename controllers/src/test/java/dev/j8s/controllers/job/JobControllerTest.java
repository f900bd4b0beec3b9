package dev.j8s.controllers.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.j8s.client.ResourceClient;
import dev.j8s.client.ListOptions;
import dev.j8s.client.events.EventRecorder;
import dev.j8s.client.time.ThreadScheduler;
import dev.j8s.controllers.batchtest.BatchTestCluster;
import dev.j8s.controllers.batchtest.PodOutcomes;
import dev.j8s.controllers.framework.PodReadiness;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class JobControllerTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final EventRecorder NO_EVENTS = (object, type, reason, message) -> { };

    private static BatchTestCluster cluster;
    private static ThreadScheduler scheduler;
    private static JobController controller;
    private static ResourceClient<Job> jobs;
    private static ResourceClient<Pod> pods;

    @BeforeAll
    static void start() throws Exception {
        cluster = new BatchTestCluster();
        scheduler = new ThreadScheduler("job-test-timer");
        controller = new JobController(cluster.client, cluster.informers, NO_EVENTS, scheduler, 2,
                new JobController.Settings(Duration.ZERO, Duration.ZERO));
        cluster.informers.start();
        cluster.informers.waitForCacheSync(WAIT);
        controller.start();
        jobs = cluster.client.resources(Job.class);
        pods = cluster.client.resources(Pod.class);
    }

    @AfterAll
    static void stop() throws Exception {
        controller.close();
        scheduler.close();
        cluster.close();
    }

    private static Job job(String ns, String name, int completions, int parallelism, int backoffLimit) {
        return new JobBuilder().withNewMetadata().withName(name).withNamespace(ns).endMetadata()
                .withNewSpec().withCompletions(completions).withParallelism(parallelism).withBackoffLimit(backoffLimit)
                .withNewTemplate().withNewSpec().withRestartPolicy("Never")
                .addNewContainer().withName("main").withImage("busybox").endContainer()
                .endSpec().endTemplate().endSpec().build();
    }

    private static List<Pod> running(String ns) {
        return pods.list(ns, ListOptions.ALL).items().stream().filter(PodReadiness::isActive).toList();
    }

    private static boolean hasCondition(String ns, String name, String type) {
        Job job = jobs.get(ns, name);
        List<JobCondition> conditions = job.getStatus() == null ? null : job.getStatus().getConditions();
        return conditions != null && conditions.stream().anyMatch(c -> type.equals(c.getType()) && "True".equals(c.getStatus()));
    }

    @Test
    void completionsThreeParallelismTwoCompletes() {
        String ns = cluster.namespace("job-complete");
        Job created = jobs.create(job(ns, "pi", 3, 2, 6));

        await().atMost(WAIT).until(() -> running(ns).size() == 2);
        Pod first = running(ns).get(0);
        assertThat(first.getMetadata().getGenerateName()).isEqualTo("pi-");
        assertThat(first.getMetadata().getLabels()).containsEntry("batch.kubernetes.io/job-name", "pi")
                .containsEntry("batch.kubernetes.io/controller-uid", created.getMetadata().getUid());
        assertThat(first.getMetadata().getOwnerReferences()).singleElement()
                .matches(r -> r.getController() && r.getUid().equals(created.getMetadata().getUid()));

        // Two succeed: one more pod for the third completion, never more than 2 at once.
        running(ns).forEach(p -> PodOutcomes.succeed(pods, p));
        await().atMost(WAIT).until(() -> running(ns).size() == 1 && jobs.get(ns, "pi").getStatus().getSucceeded() == 2);
        assertThat(hasCondition(ns, "pi", "Complete")).isFalse();

        PodOutcomes.succeed(pods, running(ns).get(0));
        await().atMost(WAIT).until(() -> hasCondition(ns, "pi", "Complete"));
        Job done = jobs.get(ns, "pi");
        assertThat(hasCondition(ns, "pi", "SuccessCriteriaMet")).isTrue();
        assertThat(done.getStatus().getSucceeded()).isEqualTo(3);
        assertThat(done.getStatus().getActive()).isZero();
        assertThat(done.getStatus().getStartTime()).isNotNull();
        assertThat(done.getStatus().getCompletionTime()).isNotNull();
        assertThat(pods.list(ns, ListOptions.ALL).items()).hasSize(3);
    }

    @Test
    void failingJobStopsAtItsBackoffLimit() {
        String ns = cluster.namespace("job-fail");
        jobs.create(job(ns, "boom", 1, 1, 1));

        // backoffLimit 1: the first failure is retried, the second fails the Job.
        for (int failure = 1; failure <= 2; failure++) {
            await().atMost(WAIT).until(() -> running(ns).size() == 1);
            PodOutcomes.fail(pods, running(ns).get(0));
            int seen = failure;
            await().atMost(WAIT).until(() -> jobs.get(ns, "boom").getStatus().getFailed() == seen);
        }
        await().atMost(WAIT).until(() -> hasCondition(ns, "boom", "Failed"));
        JobCondition failed = jobs.get(ns, "boom").getStatus().getConditions().stream()
                .filter(c -> c.getType().equals("Failed")).findFirst().orElseThrow();
        assertThat(failed.getReason()).isEqualTo("BackoffLimitExceeded");
        assertThat(hasCondition(ns, "boom", "FailureTarget")).isTrue();
        assertThat(running(ns)).isEmpty();
        assertThat(pods.list(ns, ListOptions.ALL).items()).hasSize(2);
    }
}
