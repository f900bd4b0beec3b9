package dev.j8s.e2e;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The safety net of a test that runs pods on the process runtime: a pod's processes outlive its agent by
 * design (a restarted agent adopts them), so a test that stopped its agent before its pods were gone would
 * leave them running. Their command lines name the test's own temporary directory, which tells them apart
 * from every other process on the machine; each is stopped by its PID.
 */
final class LeftoverProcesses {

    private LeftoverProcesses() {}

    /** Stops the processes (and their descendants) whose command line mentions {@code dir}; returns how many. */
    static int stopUnder(Path dir) throws InterruptedException {
        String marker = dir.toAbsolutePath().toString();
        long self = ProcessHandle.current().pid();
        List<ProcessHandle> found = ProcessHandle.allProcesses()
                .filter(p -> p.pid() != self && p.info().commandLine().map(c -> c.contains(marker)).orElse(false))
                .toList();
        for (ProcessHandle p : found) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
        }
        for (ProcessHandle p : found) {
            if (!p.onExit().completeOnTimeout(p, 5, TimeUnit.SECONDS).join().isAlive()) {
                continue;
            }
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        return found.size();
    }
}
