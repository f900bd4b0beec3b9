package dev.j8s.agent.hollow;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PodStatusesTest {

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
        "Never,5,5000",
        "OnFailure,0.5,500",
        "Never,0,0",
        "Always,5,null",
        "null,5,null",
        "Never,soon,null",
        "Never,-1,null",
        "Never,null,null",
    })
    void exitAfterNeedsARunToCompletionPod(String restartPolicy, String annotation, Long expectedMillis) {
        PodBuilder pod = new PodBuilder().withNewMetadata().withName("p").endMetadata()
                .withNewSpec().withRestartPolicy(restartPolicy).endSpec();
        if (annotation != null) {
            pod.editMetadata().addToAnnotations(PodStatuses.EXIT_AFTER, annotation).endMetadata();
        }
        assertThat(PodStatuses.exitAfter(pod.build()))
                .isEqualTo(Optional.ofNullable(expectedMillis).map(Duration::ofMillis));
    }

    @Test
    void runningThenSucceededKeepsAddressesAndStartTimes() {
        Pod pod = new PodBuilder().withNewMetadata().withName("p").withUid("u1").endMetadata()
                .withNewSpec().withRestartPolicy("Never").addNewContainer().withName("c").withImage("nginx:1.27")
                .endContainer().endSpec().build();
        HollowNode node = new HollowNode("hollow-7", 7, NodeCapacity.DEFAULT);
        Instant start = Instant.parse("2025-01-01T00:00:00Z");
        Pod running = new PodBuilder(pod).withStatus(PodStatuses.running(pod, node, "10.64.7.2", start)).build();
        assertThat(PodStatuses.isRunning(running)).isTrue();
        assertThat(running.getStatus().getHostIP()).isEqualTo("127.1.0.8");
        assertThat(running.getStatus().getContainerStatuses().get(0).getImageID()).startsWith("nginx@sha256:");

        Pod done = new PodBuilder(running)
                .withStatus(PodStatuses.succeeded(running, start.plusSeconds(3))).build();
        assertThat(PodStatuses.isTerminal(done)).isTrue();
        assertThat(PodStatuses.isRunning(done)).isFalse();
        assertThat(done.getStatus().getPodIP()).isEqualTo("10.64.7.2");
        var terminated = done.getStatus().getContainerStatuses().get(0).getState().getTerminated();
        assertThat(terminated.getStartedAt()).isEqualTo("2025-01-01T00:00:00Z");
        assertThat(terminated.getFinishedAt()).isEqualTo("2025-01-01T00:00:03Z");
        assertThat(terminated.getReason()).isEqualTo("Completed");
    }

    @Test
    void addressPoolsHandOutDistinctAddressesAndReuseReleasedOnes() {
        PodAddressPool pool = new PodAddressPool("10.64.0.");
        assertThat(pool.allocate("a")).isEqualTo("10.64.0.2");
        assertThat(pool.allocate("b")).isEqualTo("10.64.0.3");
        assertThat(pool.allocate("a")).isEqualTo("10.64.0.2");
        pool.reserve("c", "10.64.0.4");
        pool.reserve("d", "10.99.0.5");
        assertThat(pool.allocate("e")).isEqualTo("10.64.0.5");
        pool.release("a");
        assertThat(pool.allocate("f")).isEqualTo("10.64.0.2");
        assertThat(pool.inUse()).isEqualTo(4);
    }
}
