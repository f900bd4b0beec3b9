package dev.j8s.agent.kubelet;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;

/** Where the kubelet reads the ConfigMaps, Secrets and tokens pods refer to; null when absent. */
public interface ConfigSource {

    ConfigMap configMap(String namespace, String name);

    Secret secret(String namespace, String name);

    /**
     * A token of the pod's ServiceAccount bound to the pod, for a projected serviceAccountToken source
     * ({@code audience} null: the API server's own audiences). Null where no TokenRequest API is at hand.
     */
    default String serviceAccountToken(Pod pod, String audience, long expirationSeconds) throws ContainerConfigException {
        return null;
    }
}
