package dev.j8s.agent.runtime;

import java.nio.file.Path;
import java.util.Map;

/**
 * The pod-level settings of a sandbox (CRI's PodSandboxConfig): the pod's identity, where its
 * container logs go, and the labels the kubelet finds it by again.
 */
public record PodSandboxConfig(String podUid, String namespace, String name, String hostname,
                               Path logDirectory, Map<String, String> labels) {

    public PodSandboxConfig {
        labels = Map.copyOf(labels);
    }
}
