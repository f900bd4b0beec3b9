package dev.j8s.agent.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.j8s.agent.runtime.ContainerConfig;
import dev.j8s.agent.runtime.ContainerRuntime;
import dev.j8s.agent.runtime.ContainerStatus;
import dev.j8s.agent.runtime.ExecResult;
import dev.j8s.agent.runtime.PodSandboxConfig;
import dev.j8s.agent.runtime.PodSandboxStatus;
import java.util.Optional;
import dev.j8s.agent.runtime.ImagePullFailure;
import dev.j8s.agent.runtime.ImagePullPolicy;
import dev.j8s.agent.runtime.RegistryAuth;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The image manager's back-off: ErrImagePull on a failed pull, ImagePullBackOff until the delay passes. */
class ImagePullerTest {

    /** A clock the test moves. */
    static final class MovingClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** A runtime whose registry fails the first pulls; it does nothing else. */
    static final class FailingPulls implements ContainerRuntime {
        int failuresLeft;
        final List<String> pulls = new ArrayList<>();

        FailingPulls(int failures, Clock clock) {
            this.failuresLeft = failures;
        }

        @Override public String name() { return "fake"; }
        @Override public String version() { return "fake://0"; }
        @Override public PodSandboxStatus runPodSandbox(PodSandboxConfig config) { throw new UnsupportedOperationException(); }
        @Override public void stopPodSandbox(String sandboxId) { throw new UnsupportedOperationException(); }
        @Override public void removePodSandbox(String sandboxId) { throw new UnsupportedOperationException(); }
        @Override public List<PodSandboxStatus> listPodSandboxes() { return List.of(); }
        @Override public String createContainer(String sandboxId, ContainerConfig config) { throw new UnsupportedOperationException(); }
        @Override public void startContainer(String containerId) { throw new UnsupportedOperationException(); }
        @Override public void stopContainer(String containerId, Duration timeout) { throw new UnsupportedOperationException(); }
        @Override public void removeContainer(String containerId) { throw new UnsupportedOperationException(); }
        @Override public Optional<ContainerStatus> containerStatus(String containerId) { return Optional.empty(); }
        @Override public List<ContainerStatus> listContainers(String sandboxId) { return List.of(); }
        @Override public ExecResult execSync(String containerId, List<String> command, Duration timeout) { throw new UnsupportedOperationException(); }
        @Override public void close() {}

        @Override
        public void ensureImage(String image, ImagePullPolicy policy, List<RegistryAuth> auths) {
            pulls.add(image + " " + policy);
            if (failuresLeft-- > 0) {
                throw new ImagePullFailure(image, "ErrImagePull", "rpc error: code = NotFound desc = not found", null);
            }
        }
    }

    private static final Pod POD = new PodBuilder().withNewMetadata().withName("p").withNamespace("ns").withUid("u1")
            .endMetadata().withNewSpec().endSpec().build();
    private static final Container C = new ContainerBuilder().withName("c").withImage("r:1/nope:1").build();

    @Test
    void backsOffTenSecondsThenTwentyAfterFailedPulls() {
        MovingClock clock = new MovingClock();
        try (FailingPulls runtime = new FailingPulls(2, clock)) {
            ImagePuller puller = new ImagePuller(runtime, null, clock);

            assertThat(puller.ensure(POD, C)).isEqualTo(new ImagePuller.Waiting("ErrImagePull",
                    "rpc error: code = NotFound desc = not found"));
            clock.now = clock.now.plusSeconds(9);
            assertThat(puller.ensure(POD, C)).isEqualTo(new ImagePuller.Waiting("ImagePullBackOff",
                    "Back-off pulling image \"r:1/nope:1\""));
            clock.now = clock.now.plusSeconds(1);
            assertThat(puller.ensure(POD, C).reason()).isEqualTo("ErrImagePull");
            clock.now = clock.now.plus(Duration.ofSeconds(19));
            assertThat(puller.ensure(POD, C).reason()).isEqualTo("ImagePullBackOff");
            clock.now = clock.now.plus(Duration.ofSeconds(1));
            assertThat(puller.ensure(POD, C)).isNull();
            assertThat(runtime.pulls).containsExactly("r:1/nope:1 IF_NOT_PRESENT", "r:1/nope:1 IF_NOT_PRESENT",
                    "r:1/nope:1 IF_NOT_PRESENT");
        }
    }

    @Test
    void forgettingAPodDropsItsBackOff() {
        MovingClock clock = new MovingClock();
        try (FailingPulls runtime = new FailingPulls(1, clock)) {
            ImagePuller puller = new ImagePuller(runtime, null, clock);
            assertThat(puller.ensure(POD, C).reason()).isEqualTo("ErrImagePull");
            puller.forget("u1");
            assertThat(puller.ensure(POD, C)).isNull();
        }
    }
}
