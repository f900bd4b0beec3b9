package dev.j8s.agent.process;

import dev.j8s.agent.metrics.CgroupStats;
import dev.j8s.agent.runtime.ContainerUsage;
import dev.j8s.agent.runtime.Resources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-container cgroups that enforce limits.memory and limits.cpu, and tell an OOM kill from any
 * other SIGKILL. cgroup v2 (memory.max, cpu.max, memory.events) where the unified hierarchy has the
 * controllers; cgroup v1 (memory.limit_in_bytes, cpu.cfs_quota_us, memory.oom_control) on hosts
 * that still mount the legacy hierarchies; nothing at all when not root, where limits are not enforced.
 * Every container's cgroup lives under {@code j8s/<container id>}.
 */
abstract class Cgroups {

    private static final Logger log = LoggerFactory.getLogger(Cgroups.class);
    static final Path ROOT = Path.of("/sys/fs/cgroup");

    /** Creates the container's cgroup with its limits; returns the cgroup.procs files its process joins. */
    abstract List<Path> create(String containerId, Resources resources) throws IOException;

    /** True when the kernel's OOM killer killed a process of this container's cgroup. */
    abstract boolean oomKilled(String containerId);

    abstract void remove(String containerId);

    abstract String describe();

    /** The container's CPU time and memory working set from its cgroup; empty without one. */
    abstract Optional<ContainerUsage> usage(String containerId, Instant now);

    static Optional<ContainerUsage> usage(String id, Instant now, OptionalLong cpuNanos, OptionalLong workingSet) {
        if (cpuNanos.isEmpty() && workingSet.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ContainerUsage(id, now, cpuNanos.orElse(0), workingSet.orElse(0)));
    }

    static Cgroups detect() {
        boolean root = "root".equals(System.getProperty("user.name"));
        if (!root) {
            return new None();
        }
        if (Files.exists(ROOT.resolve("cgroup.controllers"))) {
            try {
                String controllers = Files.readString(ROOT.resolve("cgroup.controllers"));
                if (controllers.contains("memory")) {
                    return new V2(ROOT.resolve("j8s"));
                }
            } catch (IOException e) {
                log.warn("cannot read cgroup v2 controllers: {}", e.toString());
            }
        }
        if (Files.isDirectory(ROOT.resolve("memory")) && Files.isWritable(ROOT.resolve("memory"))) {
            return new V1(ROOT.resolve("memory").resolve("j8s"), ROOT.resolve("cpu").resolve("j8s"));
        }
        return new None();
    }

    static long oomKillCount(Path eventsFile) {
        try {
            for (String line : Files.readAllLines(eventsFile)) {
                if (line.startsWith("oom_kill ")) {
                    return Long.parseLong(line.substring("oom_kill ".length()).trim());
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    static void removeDir(Path dir) {
        try {
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            log.debug("cgroup {} not removed: {}", dir, e.toString());
        }
    }

    /** Not root: no cgroups, limits are recorded but not enforced. */
    static final class None extends Cgroups {
        @Override List<Path> create(String id, Resources r) { return List.of(); }
        @Override boolean oomKilled(String id) { return false; }
        @Override void remove(String id) {}
        @Override String describe() { return "none (not root: limits not enforced)"; }
        @Override Optional<ContainerUsage> usage(String id, Instant now) { return Optional.empty(); }
    }

    static final class V2 extends Cgroups {
        private final Path base;

        V2(Path base) {
            this.base = base;
        }

        @Override
        List<Path> create(String id, Resources r) throws IOException {
            if (!Files.isDirectory(base)) {
                Files.createDirectories(base);
            }
            // Children get the controllers only when every level above delegates them.
            Files.writeString(ROOT.resolve("cgroup.subtree_control"), "+memory +cpu");
            Files.writeString(base.resolve("cgroup.subtree_control"), "+memory +cpu");
            Path dir = Files.createDirectories(base.resolve(id));
            if (r.memoryLimitBytes() > 0) {
                Files.writeString(dir.resolve("memory.max"), Long.toString(r.memoryLimitBytes()));
                if (Files.exists(dir.resolve("memory.swap.max"))) {
                    Files.writeString(dir.resolve("memory.swap.max"), "0");
                }
            }
            if (r.cpuQuotaMicros() > 0) {
                Files.writeString(dir.resolve("cpu.max"), r.cpuQuotaMicros() + " " + r.cpuPeriodMicros());
            }
            return List.of(dir.resolve("cgroup.procs"));
        }

        @Override
        boolean oomKilled(String id) {
            return oomKillCount(base.resolve(id).resolve("memory.events")) > 0;
        }

        @Override
        void remove(String id) {
            removeDir(base.resolve(id));
        }

        @Override
        String describe() {
            return "cgroup v2 " + base;
        }

        @Override
        Optional<ContainerUsage> usage(String id, Instant now) {
            Path dir = base.resolve(id);
            return usage(id, now, CgroupStats.v2CpuNanos(dir), CgroupStats.v2WorkingSet(dir));
        }
    }

    static final class V1 extends Cgroups {
        private final Path memoryBase;
        private final Path cpuBase;
        private final Path cpuacctBase;

        V1(Path memoryBase, Path cpuBase) {
            this.memoryBase = memoryBase;
            this.cpuBase = cpuBase;
            // CPU time is accounted by cpuacct (cpuacct.usage), which hosts mount with cpu or on its own.
            this.cpuacctBase = cpuBase.getParent().resolveSibling("cpuacct").resolve(cpuBase.getFileName());
        }

        @Override
        List<Path> create(String id, Resources r) throws IOException {
            List<Path> procs = new ArrayList<>();
            Path memory = Files.createDirectories(memoryBase.resolve(id));
            if (r.memoryLimitBytes() > 0) {
                Files.writeString(memory.resolve("memory.limit_in_bytes"), Long.toString(r.memoryLimitBytes()));
                // Without swap accounting capped too, a process over its limit swaps instead of being OOM-killed.
                Path memsw = memory.resolve("memory.memsw.limit_in_bytes");
                if (Files.exists(memsw)) {
                    Files.writeString(memsw, Long.toString(r.memoryLimitBytes()));
                }
            }
            procs.add(memory.resolve("cgroup.procs"));
            if (Files.isDirectory(cpuBase.getParent())) {
                Path cpu = Files.createDirectories(cpuBase.resolve(id));
                if (r.cpuQuotaMicros() > 0) {
                    Files.writeString(cpu.resolve("cpu.cfs_period_us"), Long.toString(r.cpuPeriodMicros()));
                    Files.writeString(cpu.resolve("cpu.cfs_quota_us"), Long.toString(r.cpuQuotaMicros()));
                }
                procs.add(cpu.resolve("cgroup.procs"));
            }
            if (separateCpuacct()) {
                procs.add(Files.createDirectories(cpuacctBase.resolve(id)).resolve("cgroup.procs"));
            }
            return procs;
        }

        @Override
        boolean oomKilled(String id) {
            return oomKillCount(memoryBase.resolve(id).resolve("memory.oom_control")) > 0;
        }

        @Override
        void remove(String id) {
            removeDir(memoryBase.resolve(id));
            removeDir(cpuBase.resolve(id));
            removeDir(cpuacctBase.resolve(id));
        }

        @Override
        String describe() {
            return "cgroup v1 " + memoryBase;
        }

        @Override
        Optional<ContainerUsage> usage(String id, Instant now) {
            Path cpuacct = separateCpuacct() ? cpuacctBase.resolve(id) : cpuBase.resolve(id);
            return usage(id, now, CgroupStats.v1CpuNanos(cpuacct), CgroupStats.v1WorkingSet(memoryBase.resolve(id)));
        }

        /** cpuacct mounted on its own (not co-mounted with cpu as cpu,cpuacct): containers join it too. */
        private boolean separateCpuacct() {
            try {
                return Files.isDirectory(cpuacctBase.getParent()) && Files.isDirectory(cpuBase.getParent())
                        && !Files.isSameFile(cpuacctBase.getParent(), cpuBase.getParent());
            } catch (IOException e) {
                return false;
            }
        }
    }
}
