package dev.j8s.agent.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Reads a cgroup's CPU and memory counters, cgroup v2 or v1, as cAdvisor does for the kubelet:
 * CPU time from cpu.stat usage_usec (v2) or cpuacct.usage (v1, nanoseconds); the memory working set is
 * memory.current / memory.usage_in_bytes minus the inactive file pages of memory.stat (inactive_file in v2,
 * total_inactive_file in v1), never below zero.
 */
public final class CgroupStats {

    private CgroupStats() {}

    /** Cumulative CPU nanoseconds of a cgroup v2 directory. */
    public static OptionalLong v2CpuNanos(Path dir) {
        OptionalLong usec = statValue(dir.resolve("cpu.stat"), "usage_usec");
        return usec.isPresent() ? OptionalLong.of(usec.getAsLong() * 1000) : usec;
    }

    public static OptionalLong v2WorkingSet(Path dir) {
        return workingSet(dir.resolve("memory.current"), dir.resolve("memory.stat"), "inactive_file");
    }

    /** Cumulative CPU nanoseconds of a cgroup v1 cpuacct directory. */
    public static OptionalLong v1CpuNanos(Path cpuacctDir) {
        return single(cpuacctDir.resolve("cpuacct.usage"));
    }

    public static OptionalLong v1WorkingSet(Path memoryDir) {
        return workingSet(memoryDir.resolve("memory.usage_in_bytes"), memoryDir.resolve("memory.stat"),
                "total_inactive_file");
    }

    private static OptionalLong workingSet(Path usageFile, Path statFile, String inactiveKey) {
        OptionalLong usage = single(usageFile);
        if (usage.isEmpty()) {
            return usage;
        }
        long inactive = statValue(statFile, inactiveKey).orElse(0);
        return OptionalLong.of(Math.max(0, usage.getAsLong() - inactive));
    }

    /** A "key value" line of a stat file (cpu.stat, memory.stat). */
    static OptionalLong statValue(Path file, String key) {
        try {
            for (String line : Files.readAllLines(file)) {
                int space = line.indexOf(' ');
                if (space > 0 && line.substring(0, space).equals(key)) {
                    return OptionalLong.of(Long.parseLong(line.substring(space + 1).trim()));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }

    private static OptionalLong single(Path file) {
        try {
            return OptionalLong.of(Long.parseLong(Files.readString(file).trim()));
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
