package dev.j8s.agent.process;

import dev.j8s.agent.runtime.PodSandboxConfig;

/** A persisted sandbox of the process runtime: a pod's identity and whether it still runs. */
record SandboxRecord(String id, PodSandboxConfig config, boolean ready, long createdAtMs) {

    SandboxRecord stopped() {
        return new SandboxRecord(id, config, false, createdAtMs);
    }
}
