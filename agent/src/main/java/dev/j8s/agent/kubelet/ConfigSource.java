package dev.j8s.agent.kubelet;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;

/** Where the kubelet reads the ConfigMaps and Secrets pods refer to (an informer cache); null when absent. */
public interface ConfigSource {

    ConfigMap configMap(String namespace, String name);

    Secret secret(String namespace, String name);
}
