package dev.j8s.agent.kubelet;

/**
 * A container cannot be configured (a referenced ConfigMap, Secret or key is missing): the
 * container waits with reason CreateContainerConfigError and this message, as in Kubernetes.
 */
public final class ContainerConfigException extends Exception {

    public ContainerConfigException(String message) {
        super(message);
    }
}
