package dev.j8s.agent.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Processes of the host seen through /proc, and signals to whole process groups: each container's
 * wrapper is the leader of its own session and group, so a signal to the group reaches every
 * process the container started.
 */
final class HostProcesses {

    private HostProcesses() {}

    /**
     * The kernel's start time of a process (clock ticks since boot, field 22 of /proc/PID/stat), or
     * -1 when it is gone or a zombie. Comparing it with the recorded value tells a re-adopted process
     * from an unrelated one that reuses the PID.
     */
    static long startTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            if (fields[0].equals("Z") || fields[0].equals("X")) {
                return -1;
            }
            return Long.parseLong(fields[19]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The process group of a process (field 5 of /proc/PID/stat), or -1 when it is gone. */
    static long processGroup(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[2]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    static boolean isAlive(long pid, long startTicks) {
        return pid > 0 && startTicks(pid) == startTicks;
    }

    /** Sends a signal to every process of the group (kill -SIG -- -PGID); a gone group is not an error. */
    static void signalGroup(long pgid, String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, "--", "-" + pgid)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            kill.waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run kill: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
