package dev.j8s.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Jobs and CronJobs on hollow nodes, driven with kubectl. Hollow pods finish when their
 * {@code hollow.j8s.dev/exit-after} annotation says so, which stands in for a container's exit.
 */
class BatchWorkloadsTest extends ServerPerClass {

    static HollowProcess nodes;

    @BeforeAll
    static void threeNodes() throws Exception {
        nodes = HollowProcess.start(server.kubeconfig(), dir, "b-", 3, kubectl);
        kubectl.run("create", "namespace", "batch").assertOk();
    }

    @AfterAll
    static void stopNodes() throws Exception {
        if (nodes != null) {
            nodes.close();
        }
    }

    @Test
    void aJobRunsItsCompletionsTwoAtATimeAndCompletes() {
        kubectl.runWithInput("""
                apiVersion: batch/v1
                kind: Job
                metadata: {name: three, namespace: batch}
                spec:
                  completions: 3
                  parallelism: 2
                  template:
                    metadata:
                      annotations: {hollow.j8s.dev/exit-after: "1"}
                    spec:
                      restartPolicy: Never
                      containers: [{name: work, image: busybox}]
                """, "apply", "-f", "-").assertOk();
        kubectl.run("wait", "--for=condition=complete", "job/three", "-n", "batch", "--timeout=90s").assertOk();
        assertThat(kubectl.run("get", "job", "three", "-n", "batch", "-o",
                "jsonpath={.status.succeeded} {.status.failed}").assertOk().out()).isIn("3 ", "3 0");
        assertThat(kubectl.run("get", "job", "three", "-n", "batch").assertOk().out())
                .containsPattern("three\\s+Complete\\s+3/3");
        assertThat(kubectl.run("get", "pods", "-n", "batch", "-l", "job-name=three", "-o",
                "jsonpath={.items[*].status.phase}").assertOk().out().split(" ")).containsOnly("Succeeded");
    }

    @Test
    void aCronJobFiresEveryMinute() {
        kubectl.runWithInput("""
                apiVersion: batch/v1
                kind: CronJob
                metadata: {name: tick, namespace: batch}
                spec:
                  schedule: "* * * * *"
                  successfulJobsHistoryLimit: 2
                  jobTemplate:
                    spec:
                      template:
                        metadata:
                          annotations: {hollow.j8s.dev/exit-after: "1"}
                        spec:
                          restartPolicy: OnFailure
                          containers: [{name: tick, image: busybox}]
                """, "apply", "-f", "-").assertOk();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() ->
                kubectl.run("get", "jobs", "-n", "batch", "-o", "name").assertOk().out().contains("job.batch/tick-"));
        String job = kubectl.run("get", "jobs", "-n", "batch", "-o", "name").assertOk().out().lines()
                .filter(l -> l.startsWith("job.batch/tick-")).findFirst().orElseThrow();
        kubectl.run("wait", "--for=condition=complete", job, "-n", "batch", "--timeout=60s").assertOk();
        assertThat(kubectl.run("get", "cronjob", "tick", "-n", "batch", "-o",
                "jsonpath={.status.lastScheduleTime}").assertOk().out()).isNotBlank();
        assertThat(kubectl.run("get", job, "-n", "batch", "-o",
                "jsonpath={.metadata.ownerReferences[0].kind}/{.metadata.ownerReferences[0].name}").assertOk().out())
                .isEqualTo("CronJob/tick");
    }
}
