package dev.j8s.agent.process;

import dev.j8s.agent.runtime.ContainerConfig;

/**
 * What the process runtime remembers of one container, persisted as JSON under its directory so a
 * restarted agent re-adopts running processes. Times are epoch milliseconds (0: not yet).
 *
 * @param pid           the wrapper's PID, which is also the container's process group and session
 * @param startTicks    the kernel's start time of that PID, to recognise it again after a restart
 * @param killRequested the runtime sent SIGKILL: an exit without an exit file was ours, not a crash
 * @param exitCode      set once the exit is observed; null while created or running
 */
record ContainerRecord(String id, String sandboxId, ContainerConfig config, long createdAtMs, long startedAtMs,
                       long pid, long startTicks, boolean killRequested, long finishedAtMs, Integer exitCode,
                       String reason) {

    ContainerRecord started(long startedAt, long pid, long startTicks) {
        return new ContainerRecord(id, sandboxId, config, createdAtMs, startedAt, pid, startTicks, false, 0, null, null);
    }

    ContainerRecord killing() {
        return new ContainerRecord(id, sandboxId, config, createdAtMs, startedAtMs, pid, startTicks, true,
                finishedAtMs, exitCode, reason);
    }

    ContainerRecord exited(long finishedAt, int code, String why) {
        return new ContainerRecord(id, sandboxId, config, createdAtMs, startedAtMs, pid, startTicks, killRequested,
                finishedAt, code, why);
    }

    boolean hasStarted() {
        return startedAtMs > 0;
    }

    boolean hasExited() {
        return exitCode != null;
    }
}
