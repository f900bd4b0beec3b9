package dev.j8s.agent.node;

/** Versions a j8s node reports in nodeInfo. */
public final class AgentVersion {

    /** The kubelet version of a real j8s node: the Kubernetes version j8s serves, marked as j8s's. */
    public static final String KUBELET_VERSION = "v1.32.3-j8s";

    private AgentVersion() {}
}
