package dev.j8s.agent.runtime;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The pod-level settings of a sandbox (CRI's PodSandboxConfig): the pod's identity, where its
 * container logs go, the labels the kubelet finds it by again, the ports it publishes on the node, and its
 * resolver configuration ({@code dns}: null leaves the runtime's default, the host's resolv.conf).
 */
public record PodSandboxConfig(String podUid, String namespace, String name, String hostname,
                               Path logDirectory, Map<String, String> labels, List<PortMapping> portMappings,
                               DnsConfig dns) {

    public PodSandboxConfig {
        labels = Map.copyOf(labels);
        portMappings = portMappings == null ? List.of() : List.copyOf(portMappings);
    }

    /** A sandbox that publishes no ports, with the runtime's default resolver configuration. */
    public PodSandboxConfig(String podUid, String namespace, String name, String hostname, Path logDirectory,
                            Map<String, String> labels) {
        this(podUid, namespace, name, hostname, logDirectory, labels, List.of(), null);
    }
}
