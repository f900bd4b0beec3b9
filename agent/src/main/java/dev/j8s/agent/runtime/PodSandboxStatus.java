package dev.j8s.agent.runtime;

import java.time.Instant;

/** A sandbox as the runtime reports it (CRI's PodSandboxStatus): ready while the pod runs, its IP. */
public record PodSandboxStatus(String id, PodSandboxConfig config, boolean ready, String ip, Instant createdAt) {}
