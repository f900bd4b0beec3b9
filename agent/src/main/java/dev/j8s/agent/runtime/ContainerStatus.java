package dev.j8s.agent.runtime;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A container as the runtime reports it (CRI's ContainerStatus).
 *
 * @param reason for an exited container: {@code OOMKilled} when the memory limit killed it,
 *               {@code Completed} for exit 0, {@code Error} otherwise
 * @param startedAt  null until started; finishedAt null until exited
 * @param imageRef   the image the runtime resolved {@code image} to (CRI ContainerStatus.image_ref: the repo digest
 *                   {@code registry/name@sha256:…} when the image has one, else its ID {@code sha256:…}), which
 *                   the kubelet shows as containerStatuses[].imageID
 */
public record ContainerStatus(String id, String sandboxId, String name, int attempt, String image, String imageRef,
                              ContainerState state, Instant createdAt, Instant startedAt, Instant finishedAt,
                              int exitCode, String reason, String message, Path logPath) {

    public boolean isRunning() {
        return state == ContainerState.RUNNING;
    }

    public boolean isExited() {
        return state == ContainerState.EXITED;
    }
}
