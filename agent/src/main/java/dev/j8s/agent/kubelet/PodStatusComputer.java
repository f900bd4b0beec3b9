package dev.j8s.agent.kubelet;

import dev.j8s.agent.podstatus.PodStatusParts;
import dev.j8s.agent.runtime.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateTerminatedBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.HostIPBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodIPBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A pod's status from what the kubelet observed, without side effects (pkg/kubelet/kubelet_pods.go
 * generateAPIPodStatus, getPhase and pkg/kubelet/status/generate.go): container statuses with state,
 * lastState and restartCount; the phase; and the conditions PodScheduled, PodReadyToStartContainers,
 * Initialized, ContainersReady and Ready, each keeping its lastTransitionTime while its status holds.
 */
public final class PodStatusComputer {

    private PodStatusComputer() {}

    public record Observed(boolean sandboxReady, String hostIp, String podIp, List<ContainerView> initContainers,
                           List<ContainerView> containers, String runtimeScheme) {}

    public static PodStatus compute(Pod pod, Observed o, Instant now) {
        PodStatus old = pod.getStatus();
        String time = PodStatusParts.time(now);
        List<io.fabric8.kubernetes.api.model.ContainerStatus> inits = new ArrayList<>();
        for (ContainerView v : o.initContainers()) {
            inits.add(containerStatus(v, o.runtimeScheme()));
        }
        List<io.fabric8.kubernetes.api.model.ContainerStatus> containers = new ArrayList<>();
        for (ContainerView v : o.containers()) {
            containers.add(containerStatus(v, o.runtimeScheme()));
        }
        String restartPolicy = pod.getSpec().getRestartPolicy() == null ? "Always" : pod.getSpec().getRestartPolicy();
        String phase = phase(restartPolicy, inits, containers);

        List<String> incomplete = inits.stream().filter(s -> !succeeded(s)).map(s -> s.getName()).toList();
        List<String> unready = containers.stream().filter(s -> !Boolean.TRUE.equals(s.getReady())).map(s -> s.getName()).toList();
        boolean completed = phase.equals("Succeeded");
        List<PodCondition> conditions = new ArrayList<>();
        conditions.add(keep(old, PodStatusParts.condition("PodReadyToStartContainers",
                o.sandboxReady() ? "True" : "False", null, null, time)));
        conditions.add(keep(old, incomplete.isEmpty() || completed
                ? PodStatusParts.condition("Initialized", "True", completed && !inits.isEmpty() ? "PodCompleted" : null, null, time)
                : PodStatusParts.condition("Initialized", "False", "ContainersNotInitialized",
                        "containers with incomplete status: " + names(incomplete), time)));
        PodCondition ready = unready.isEmpty() && !completed
                ? PodStatusParts.condition("ContainersReady", "True", null, null, time)
                : completed ? PodStatusParts.condition("ContainersReady", "False", "PodCompleted", null, time)
                : PodStatusParts.condition("ContainersReady", "False", "ContainersNotReady",
                        "containers with unready status: " + names(unready), time);
        conditions.add(keep(old, ready));
        conditions.add(keep(old, PodStatusParts.condition("Ready", ready.getStatus(), ready.getReason(),
                ready.getMessage(), time)));
        conditions.add(PodStatusParts.condition("PodScheduled", "True", null, null,
                PodStatusParts.scheduledTime(old, time)));

        PodStatusBuilder b = new PodStatusBuilder()
                .withPhase(phase)
                .withConditions(conditions)
                .withHostIP(o.hostIp())
                .withHostIPs(new HostIPBuilder().withIp(o.hostIp()).build())
                .withStartTime(old != null && old.getStartTime() != null ? old.getStartTime() : time)
                .withQosClass(old == null ? null : old.getQosClass())
                .withInitContainerStatuses(inits)
                .withContainerStatuses(containers);
        if (o.podIp() != null) {
            b.withPodIP(o.podIp()).withPodIPs(new PodIPBuilder().withIp(o.podIp()).build());
        }
        return b.build();
    }

    /** Kubernetes' getPhase: Pending until initialized and every container started at least once. */
    static String phase(String restartPolicy, List<io.fabric8.kubernetes.api.model.ContainerStatus> inits,
                        List<io.fabric8.kubernetes.api.model.ContainerStatus> containers) {
        for (var s : inits) {
            if (!succeeded(s)) {
                boolean failed = s.getState().getTerminated() != null
                        || (s.getLastState() != null && s.getLastState().getTerminated() != null);
                return failed && restartPolicy.equals("Never") ? "Failed" : "Pending";
            }
        }
        int running = 0;
        int waiting = 0;
        int stopped = 0;
        int succeeded = 0;
        for (var s : containers) {
            if (s.getState().getRunning() != null) {
                running++;
            } else if (s.getState().getTerminated() != null) {
                stopped++;
                if (s.getState().getTerminated().getExitCode() == 0) {
                    succeeded++;
                }
            } else if (s.getLastState() != null && s.getLastState().getTerminated() != null) {
                stopped++;
            } else {
                waiting++;
            }
        }
        if (waiting > 0) {
            return "Pending";
        }
        if (running > 0) {
            return "Running";
        }
        if (stopped > 0) {
            if (restartPolicy.equals("Always")) {
                return "Running";
            }
            if (stopped == succeeded) {
                return "Succeeded";
            }
            return restartPolicy.equals("Never") ? "Failed" : "Running";
        }
        return "Pending";
    }

    private static io.fabric8.kubernetes.api.model.ContainerStatus containerStatus(ContainerView v, String scheme) {
        ContainerStatusBuilder b = new ContainerStatusBuilder().withName(v.name()).withImage(v.image())
                .withImageID(imageId(v.latest())).withReady(v.ready()).withStarted(false)
                .withRestartCount(v.latest() == null ? 0 : v.latest().attempt());
        ContainerStatus latest = v.latest();
        if (latest != null) {
            b.withContainerID(scheme + "://" + latest.id());
        }
        if (latest == null || (!latest.isRunning() && !latest.isExited())) {
            b.withNewState().withNewWaiting().withReason(v.waitingReason() == null ? "ContainerCreating" : v.waitingReason())
                    .withMessage(v.waitingMessage()).endWaiting().endState();
            if (v.previous() != null && v.previous().isExited()) {
                b.withNewLastState().withTerminated(terminated(v.previous(), scheme)).endLastState();
            }
        } else if (latest.isRunning()) {
            b.withStarted(v.started()).withNewState().withNewRunning().withStartedAt(PodStatusParts.time(latest.startedAt()))
                    .endRunning().endState();
            if (v.previous() != null && v.previous().isExited()) {
                b.withNewLastState().withTerminated(terminated(v.previous(), scheme)).endLastState();
            }
        } else if (v.waitingReason() != null) {
            // Exited and waiting to restart (CrashLoopBackOff): the exit shows as lastState.
            b.withNewState().withNewWaiting().withReason(v.waitingReason()).withMessage(v.waitingMessage()).endWaiting()
                    .endState().withNewLastState().withTerminated(terminated(latest, scheme)).endLastState();
        } else {
            b.withNewState().withTerminated(terminated(latest, scheme)).endState();
            if (v.previous() != null && v.previous().isExited()) {
                b.withNewLastState().withTerminated(terminated(v.previous(), scheme)).endLastState();
            }
        }
        return b.build();
    }

    /**
     * The image the runtime ran the container from, as the kubelet reports it (the runtime's image ref); empty
     * while no container exists yet, as the kubelet's waiting statuses have it.
     */
    private static String imageId(ContainerStatus latest) {
        return latest == null || latest.imageRef() == null ? "" : latest.imageRef();
    }

    private static ContainerStateTerminated terminated(ContainerStatus s, String scheme) {
        return new ContainerStateTerminatedBuilder().withExitCode(s.exitCode())
                .withReason(s.reason() != null ? s.reason() : s.exitCode() == 0 ? "Completed" : "Error")
                .withMessage(s.message())
                .withStartedAt(s.startedAt() == null ? null : PodStatusParts.time(s.startedAt()))
                .withFinishedAt(s.finishedAt() == null ? null : PodStatusParts.time(s.finishedAt()))
                .withContainerID(scheme + "://" + s.id()).build();
    }

    private static boolean succeeded(io.fabric8.kubernetes.api.model.ContainerStatus s) {
        return s.getState().getTerminated() != null && s.getState().getTerminated().getExitCode() == 0;
    }

    /** The condition with the old transition time when its status did not change. */
    private static PodCondition keep(PodStatus old, PodCondition c) {
        PodCondition before = PodStatusParts.find(old, c.getType());
        if (before != null && c.getStatus().equals(before.getStatus()) && before.getLastTransitionTime() != null) {
            c.setLastTransitionTime(before.getLastTransitionTime());
        }
        return c;
    }

    /** Go's %v of a string slice: [a b]. */
    private static String names(List<String> names) {
        return "[" + String.join(" ", names) + "]";
    }
}
