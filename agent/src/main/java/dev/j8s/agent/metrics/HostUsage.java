package dev.j8s.agent.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The node's own counters: busy CPU time from the first line of /proc/stat (user, nice, system, irq,
 * softirq and steal; idle and iowait are not busy) and the memory working set from /proc/meminfo as
 * MemTotal − MemAvailable (what the kubelet's node summary reports when it reads no root cgroup).
 */
public record HostUsage(long cpuBusyNanos, long workingSetBytes) {

    /** /proc/stat counts in USER_HZ ticks, 100 per second on every Linux architecture j8s runs on. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    public static HostUsage read(Path proc) throws IOException {
        return new HostUsage(cpuBusyNanos(Files.readAllLines(proc.resolve("stat"))),
                workingSet(Files.readAllLines(proc.resolve("meminfo"))));
    }

    static long cpuBusyNanos(List<String> stat) {
        for (String line : stat) {
            if (line.startsWith("cpu ")) {
                String[] f = line.trim().split("\\s+");
                // cpu user nice system idle iowait irq softirq steal [guest guest_nice: already in user/nice]
                long busy = 0;
                for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
                    if (i < f.length) {
                        busy += Long.parseLong(f[i]);
                    }
                }
                return busy * NANOS_PER_TICK;
            }
        }
        throw new IllegalArgumentException("no cpu line in /proc/stat");
    }

    static long workingSet(List<String> meminfo) {
        long total = -1;
        long available = -1;
        for (String line : meminfo) {
            if (line.startsWith("MemTotal:")) {
                total = kib(line);
            } else if (line.startsWith("MemAvailable:")) {
                available = kib(line);
            }
        }
        if (total < 0 || available < 0) {
            throw new IllegalArgumentException("no MemTotal/MemAvailable in /proc/meminfo");
        }
        return Math.max(0, total - available);
    }

    private static long kib(String line) {
        String[] f = line.trim().split("\\s+");
        return Long.parseLong(f[1]) * 1024;
    }
}
