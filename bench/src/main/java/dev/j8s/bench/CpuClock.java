package dev.j8s.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CPU time (user + system) a process has used so far, read from {@code /proc/PID/stat}. On a machine
 * shared with other work, the CPU a phase costs compares runs better than its wall time.
 */
interface CpuClock {

    /** Linux's USER_HZ: /proc reports times in these ticks. */
    double TICKS_PER_SECOND = 100;

    /** Stands for an unknown process: always zero. */
    CpuClock NONE = () -> 0;

    double seconds();

    static CpuClock ofProcess(long pid) {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        return () -> {
            try {
                String line = Files.readString(stat);
                // Fields after the command (which may hold spaces) start after its closing parenthesis;
                // utime and stime are fields 14 and 15 of the whole line.
                String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
                return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
            } catch (IOException | RuntimeException e) {
                return 0;
            }
        };
    }
}
