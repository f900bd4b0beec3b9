package dev.j8s.agent.runtime;

import java.time.Instant;

/**
 * A container's resource counters as its cgroup keeps them (CRI's ContainerStats): CPU time used since it
 * started (a rate comes from two samples) and its memory working set (usage − inactive file pages, as the
 * kubelet computes it: what the kernel cannot easily reclaim).
 */
public record ContainerUsage(String containerId, Instant timestamp, long cpuUsageNanos, long workingSetBytes) {}
