package dev.j8s.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.j8s.agent.runtime.ContainerUsage;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading /proc and cgroup counters, and turning two samples into metrics.k8s.io usage. */
class ResourceCountersTest {

    @TempDir
    Path dir;

    @Test
    void hostCpuIsBusyTicksAndMemoryIsTotalMinusAvailable() throws Exception {
        Files.writeString(dir.resolve("stat"), """
                cpu  100 20 30 5000 40 5 6 7 0 0
                cpu0 50 10 15 2500 20 2 3 3 0 0
                """);
        Files.writeString(dir.resolve("meminfo"), """
                MemTotal:        8000000 kB
                MemFree:         1000000 kB
                MemAvailable:    6000000 kB
                """);
        HostUsage usage = HostUsage.read(dir);
        // user 100 + nice 20 + system 30 + irq 5 + softirq 6 + steal 7 ticks of 10 ms; idle and iowait excluded.
        assertThat(usage.cpuBusyNanos()).isEqualTo(168L * 10_000_000L);
        assertThat(usage.workingSetBytes()).isEqualTo(2_000_000L * 1024);
    }

    @Test
    void cgroupV2CountersGiveCpuNanosAndWorkingSet() throws Exception {
        Files.writeString(dir.resolve("cpu.stat"), "usage_usec 1500\nuser_usec 1000\nsystem_usec 500\n");
        Files.writeString(dir.resolve("memory.current"), "10485760\n");
        Files.writeString(dir.resolve("memory.stat"), "anon 4194304\nactive_file 1048576\ninactive_file 2097152\n");
        assertThat(CgroupStats.v2CpuNanos(dir)).hasValue(1_500_000L);
        assertThat(CgroupStats.v2WorkingSet(dir)).hasValue(10485760L - 2097152L);
    }

    @Test
    void cgroupV1CountersGiveCpuNanosAndWorkingSet() throws Exception {
        Files.writeString(dir.resolve("cpuacct.usage"), "123456789\n");
        Files.writeString(dir.resolve("memory.usage_in_bytes"), "5000\n");
        Files.writeString(dir.resolve("memory.stat"), "inactive_file 10\ntotal_inactive_file 6000\n");
        assertThat(CgroupStats.v1CpuNanos(dir)).hasValue(123456789L);
        // More inactive file pages than usage (they are counted lazily): never below zero.
        assertThat(CgroupStats.v1WorkingSet(dir)).hasValue(0L);
        assertThat(CgroupStats.v2CpuNanos(dir.resolve("absent"))).isEmpty();
    }

    @Test
    void cpuIsARateBetweenTwoSamples() {
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        assertThat(NodeResourceMetrics.cpuRate(1_000_000_000L, t0, 3_000_000_000L, t0.plusSeconds(4))).isEqualTo(0.5);
        assertThat(NodeResourceMetrics.cpuRate(5, t0, 1, t0.plusSeconds(1))).as("counter reset").isZero();
        assertThat(NodeResourceMetrics.cpuRate(1, t0, 5, t0)).as("no time passed").isZero();
    }

    @Test
    void podUsageMatchesContainersByRuntimeId() {
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        Pod pod = new PodBuilder().withNewMetadata().withName("busy").withNamespace("default").endMetadata()
                .withNewSpec().addNewContainer().withName("loop").endContainer().addNewContainer().withName("new")
                .endContainer().endSpec()
                .withNewStatus()
                .addNewContainerStatus().withName("loop").withContainerID("containerd://aaa").endContainerStatus()
                .addNewContainerStatus().withName("new").withContainerID("containerd://bbb").endContainerStatus()
                .endStatus().build();
        Map<String, ContainerUsage> before = Map.of("aaa", new ContainerUsage("aaa", t0, 0, 100));
        Map<String, ContainerUsage> now = Map.of(
                "aaa", new ContainerUsage("aaa", t0.plusSeconds(2), 2_000_000_000L, 4096),
                "bbb", new ContainerUsage("bbb", t0.plusSeconds(2), 1, 1));
        Map<String, ResourceUsage> usage = NodeResourceMetrics.podUsage(pod, now, before);
        // "new" has one sample only: no rate yet, so it waits for the next report.
        assertThat(usage).containsOnlyKeys("loop");
        assertThat(usage.get("loop").toQuantities().get("cpu").toString()).isEqualTo("1000000000n");
        assertThat(usage.get("loop").toQuantities().get("memory").toString()).isEqualTo("4Ki");
        assertThat(NodeResourceMetrics.runtimeId("process://x")).isEqualTo("x");
        assertThat(NodeResourceMetrics.runtimeId("")).isNull();
    }
}
