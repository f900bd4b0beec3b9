package dev.j8s.agent.hollow;

import dev.j8s.agent.podstatus.PodStatusParts;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodIPBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.HostIPBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The pod statuses a kubelet reports, computed without side effects: Running with every container
 * started and ready, and Succeeded once a run-to-completion pod's containers have exited 0.
 */
final class PodStatuses {

    /** Seconds after which a pod that does not restart its containers finishes, as if they exited 0. */
    static final String EXIT_AFTER = "hollow.j8s.dev/exit-after";

    private PodStatuses() {}

    /** True when the pod already reports what {@link #running} would write (nothing left to do). */
    static boolean isRunning(Pod pod) {
        PodStatus status = pod.getStatus();
        return status != null && "Running".equals(status.getPhase()) && status.getPodIP() != null
                && status.getStartTime() != null && conditionIs(status, "Ready", "True");
    }

    static boolean isTerminal(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return "Succeeded".equals(phase) || "Failed".equals(phase);
    }

    /** Running: all containers started and ready, init containers completed, addresses assigned. */
    static PodStatus running(Pod pod, HollowNode node, String podIp, Instant now) {
        String time = time(now);
        List<ContainerStatus> containers = new ArrayList<>();
        for (Container c : pod.getSpec().getContainers()) {
            containers.add(base(pod, c).withReady(true).withStarted(true)
                    .withNewState().withNewRunning().withStartedAt(time).endRunning().endState().build());
        }
        List<ContainerStatus> inits = new ArrayList<>();
        for (Container c : initContainers(pod)) {
            inits.add(base(pod, c).withReady(true).withStarted(false)
                    .withNewState().withNewTerminated().withExitCode(0).withReason("Completed")
                    .withStartedAt(time).withFinishedAt(time).withContainerID(containerId(pod, c))
                    .endTerminated().endState().build());
        }
        return new PodStatusBuilder()
                .withPhase("Running")
                .withConditions(
                        condition("PodReadyToStartContainers", "True", null, time),
                        condition("Initialized", "True", null, time),
                        condition("Ready", "True", null, time),
                        condition("ContainersReady", "True", null, time),
                        condition("PodScheduled", "True", null, scheduledTime(pod, time)))
                .withHostIP(node.internalIp())
                .withHostIPs(new HostIPBuilder().withIp(node.internalIp()).build())
                .withPodIP(podIp)
                .withPodIPs(new PodIPBuilder().withIp(podIp).build())
                .withStartTime(time)
                .withQosClass(pod.getStatus() == null ? null : pod.getStatus().getQosClass())
                .withContainerStatuses(containers)
                .withInitContainerStatuses(inits)
                .build();
    }

    /** Succeeded: every container terminated with exit code 0; addresses and start time stay. */
    static PodStatus succeeded(Pod pod, Instant now) {
        String time = time(now);
        PodStatus current = pod.getStatus();
        List<ContainerStatus> containers = new ArrayList<>();
        for (Container c : pod.getSpec().getContainers()) {
            String started = startedAt(current, c.getName(), time);
            containers.add(base(pod, c).withReady(false).withStarted(false)
                    .withNewState().withNewTerminated().withExitCode(0).withReason("Completed")
                    .withStartedAt(started).withFinishedAt(time).withContainerID(containerId(pod, c))
                    .endTerminated().endState().build());
        }
        return new PodStatusBuilder(current)
                .withPhase("Succeeded")
                .withConditions(
                        condition("PodReadyToStartContainers", "False", null, time),
                        condition("Initialized", "True", "PodCompleted", time),
                        condition("Ready", "False", "PodCompleted", time),
                        condition("ContainersReady", "False", "PodCompleted", time),
                        condition("PodScheduled", "True", null, scheduledTime(pod, time)))
                .withContainerStatuses(containers)
                .build();
    }

    /**
     * How long after it started the pod finishes: the {@value #EXIT_AFTER} annotation, honoured
     * only when the kubelet would not restart the containers (restartPolicy Never or OnFailure).
     */
    static Optional<Duration> exitAfter(Pod pod) {
        String restart = pod.getSpec().getRestartPolicy();
        if (restart == null || restart.equals("Always")) {
            return Optional.empty();
        }
        var annotations = pod.getMetadata().getAnnotations();
        String value = annotations == null ? null : annotations.get(EXIT_AFTER);
        if (value == null) {
            return Optional.empty();
        }
        try {
            double seconds = Double.parseDouble(value.trim());
            return seconds < 0 || Double.isNaN(seconds) ? Optional.empty()
                    : Optional.of(Duration.ofMillis((long) (seconds * 1000)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static Instant startTime(Pod pod) {
        return Instant.parse(pod.getStatus().getStartTime());
    }

    private static ContainerStatusBuilder base(Pod pod, Container c) {
        return new ContainerStatusBuilder()
                .withName(c.getName())
                .withImage(c.getImage())
                .withImageID(imageId(c.getImage()))
                .withContainerID(containerId(pod, c))
                .withRestartCount(0);
    }

    private static List<Container> initContainers(Pod pod) {
        return pod.getSpec().getInitContainers() == null ? List.of() : pod.getSpec().getInitContainers();
    }

    static String imageId(String image) {
        return PodStatusParts.imageId(image);
    }

    private static String containerId(Pod pod, Container c) {
        return "hollow://" + pod.getMetadata().getUid() + "/" + c.getName();
    }

    private static String startedAt(PodStatus status, String container, String fallback) {
        if (status == null || status.getContainerStatuses() == null) {
            return fallback;
        }
        for (ContainerStatus s : status.getContainerStatuses()) {
            if (container.equals(s.getName()) && s.getState() != null && s.getState().getRunning() != null) {
                return s.getState().getRunning().getStartedAt();
            }
        }
        return fallback;
    }

    private static String scheduledTime(Pod pod, String fallback) {
        return PodStatusParts.scheduledTime(pod.getStatus(), fallback);
    }

    private static boolean conditionIs(PodStatus status, String type, String value) {
        return PodStatusParts.conditionIs(status, type, value);
    }

    private static PodCondition condition(String type, String status, String reason, String time) {
        return PodStatusParts.condition(type, status, reason, null, time);
    }

    private static String time(Instant now) {
        return PodStatusParts.time(now);
    }
}
