package dev.j8s.agent.cri;

import dev.j8s.agent.cri.v1.ContainerStatus;
import dev.j8s.agent.cri.v1.PodSandboxStatus;
import dev.j8s.agent.runtime.ContainerState;
import dev.j8s.agent.runtime.PodSandboxConfig;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** CRI messages to the runtime interface's values: states, times in nanoseconds, the reasons of exits. */
final class CriStatuses {

    /** The label a container carries with the ID of its sandbox (CRI's ContainerStatus does not name it). */
    static final String SANDBOX_LABEL = "j8s.dev/sandbox-id";
    static final String POD_UID = "io.kubernetes.pod.uid";
    static final String POD_NAME = "io.kubernetes.pod.name";
    static final String POD_NAMESPACE = "io.kubernetes.pod.namespace";
    static final String CONTAINER_NAME = "io.kubernetes.container.name";
    /** The annotation that keeps a sandbox's log directory (PodSandboxStatus does not report it). */
    static final String LOG_DIRECTORY = "j8s.dev/log-directory";

    private CriStatuses() {}

    static dev.j8s.agent.runtime.ContainerStatus container(ContainerStatus s, String sandboxId) {
        ContainerState state = switch (s.getState()) {
            case CONTAINER_CREATED -> ContainerState.CREATED;
            case CONTAINER_RUNNING -> ContainerState.RUNNING;
            case CONTAINER_EXITED -> ContainerState.EXITED;
            default -> ContainerState.UNKNOWN;
        };
        String reason = s.getReason().isEmpty() ? null : s.getReason();
        if (state == ContainerState.EXITED && reason == null) {
            reason = s.getExitCode() == 0 ? "Completed" : "Error";
        }
        String sandbox = sandboxId != null ? sandboxId : s.getLabelsMap().getOrDefault(SANDBOX_LABEL, "");
        return new dev.j8s.agent.runtime.ContainerStatus(s.getId(), sandbox, s.getMetadata().getName(),
                (int) s.getMetadata().getAttempt(), s.getImage().getImage(), s.getImageRef(), state, time(s.getCreatedAt()),
                time(s.getStartedAt()), time(s.getFinishedAt()), s.getExitCode(), reason,
                s.getMessage().isEmpty() ? null : s.getMessage(),
                s.getLogPath().isEmpty() ? null : Path.of(s.getLogPath()));
    }

    /** The runtime's view of a CRI sandbox: its pod identity comes back from the metadata and labels. */
    static dev.j8s.agent.runtime.PodSandboxStatus sandbox(PodSandboxStatus s) {
        String dir = s.getAnnotationsMap().get(LOG_DIRECTORY);
        Path logDirectory = dir == null ? null : Path.of(dir);
        Map<String, String> labels = new HashMap<>(s.getLabelsMap());
        PodSandboxConfig config = new PodSandboxConfig(s.getMetadata().getUid(), s.getMetadata().getNamespace(),
                s.getMetadata().getName(), s.getMetadata().getName(), logDirectory, labels);
        String ip = s.getNetwork().getIp();
        return new dev.j8s.agent.runtime.PodSandboxStatus(s.getId(), config,
                s.getState() == dev.j8s.agent.cri.v1.PodSandboxState.SANDBOX_READY, ip.isEmpty() ? null : ip,
                time(s.getCreatedAt()));
    }

    /** CRI times are nanoseconds since the epoch; 0 means not yet. */
    static Instant time(long nanos) {
        return nanos == 0 ? null : Instant.ofEpochSecond(0, nanos);
    }
}
