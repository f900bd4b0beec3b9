package dev.j8s.agent.kubelet;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A container's environment as the kubelet builds it (pkg/kubelet/kubelet_pods.go makeEnvironmentVariables):
 * envFrom sources first (with their prefix; keys that are not valid names are skipped), then env in
 * order, where a value may refer to variables defined before it with $(VAR); then command and args
 * expanded against the result. Optional references to missing objects or keys are skipped; required
 * ones fail with the kubelet's message.
 */
public final class EnvResolver {

    private final ConfigSource source;

    public EnvResolver(ConfigSource source) {
        this.source = source;
    }

    /** The resolved environment, in definition order. */
    public Map<String, String> environment(Pod pod, Container container, String hostIp, String podIp,
                                           Map<String, Quantity> allocatable) throws ContainerConfigException {
        String ns = pod.getMetadata().getNamespace();
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvFromSource from : list(container.getEnvFrom())) {
            String prefix = from.getPrefix() == null ? "" : from.getPrefix();
            if (from.getConfigMapRef() != null) {
                ConfigMap cm = source.configMap(ns, from.getConfigMapRef().getName());
                if (cm == null) {
                    if (Boolean.TRUE.equals(from.getConfigMapRef().getOptional())) {
                        continue;
                    }
                    throw new ContainerConfigException("configmap \"" + from.getConfigMapRef().getName() + "\" not found");
                }
                putValid(env, prefix, cm.getData());
            } else if (from.getSecretRef() != null) {
                Secret s = source.secret(ns, from.getSecretRef().getName());
                if (s == null) {
                    if (Boolean.TRUE.equals(from.getSecretRef().getOptional())) {
                        continue;
                    }
                    throw new ContainerConfigException("secret \"" + from.getSecretRef().getName() + "\" not found");
                }
                putValid(env, prefix, decode(s));
            }
        }
        for (EnvVar var : list(container.getEnv())) {
            String value;
            if (var.getValueFrom() == null) {
                value = VarExpansion.expand(var.getValue() == null ? "" : var.getValue(), env::get);
            } else {
                value = valueFrom(pod, container, var.getValueFrom(), hostIp, podIp, allocatable);
                if (value == null) {
                    continue;
                }
            }
            env.put(var.getName(), value);
        }
        return env;
    }

    /** command or args with $(VAR) replaced from the container's environment. */
    public static List<String> expand(List<String> words, Map<String, String> env) {
        List<String> out = new ArrayList<>();
        for (String w : list(words)) {
            out.add(VarExpansion.expand(w, env::get));
        }
        return out;
    }

    private String valueFrom(Pod pod, Container container, EnvVarSource from, String hostIp, String podIp,
                             Map<String, Quantity> allocatable) throws ContainerConfigException {
        String ns = pod.getMetadata().getNamespace();
        if (from.getFieldRef() != null) {
            return FieldPaths.field(pod, from.getFieldRef().getFieldPath(), hostIp, podIp);
        }
        if (from.getResourceFieldRef() != null) {
            Container target = container;
            String named = from.getResourceFieldRef().getContainerName();
            if (named != null && !named.isEmpty()) {
                target = pod.getSpec().getContainers().stream().filter(c -> c.getName().equals(named)).findFirst()
                        .orElse(container);
            }
            return FieldPaths.resource(pod, target, from.getResourceFieldRef(), allocatable);
        }
        if (from.getConfigMapKeyRef() != null) {
            var ref = from.getConfigMapKeyRef();
            boolean optional = Boolean.TRUE.equals(ref.getOptional());
            ConfigMap cm = source.configMap(ns, ref.getName());
            if (cm == null) {
                if (optional) {
                    return null;
                }
                throw new ContainerConfigException("configmap \"" + ref.getName() + "\" not found");
            }
            String value = cm.getData() == null ? null : cm.getData().get(ref.getKey());
            if (value == null && !optional) {
                throw new ContainerConfigException("couldn't find key " + ref.getKey() + " in ConfigMap " + ns + "/"
                        + ref.getName());
            }
            return value;
        }
        if (from.getSecretKeyRef() != null) {
            var ref = from.getSecretKeyRef();
            boolean optional = Boolean.TRUE.equals(ref.getOptional());
            Secret s = source.secret(ns, ref.getName());
            if (s == null) {
                if (optional) {
                    return null;
                }
                throw new ContainerConfigException("secret \"" + ref.getName() + "\" not found");
            }
            String value = decode(s).get(ref.getKey());
            if (value == null && !optional) {
                throw new ContainerConfigException("couldn't find key " + ref.getKey() + " in Secret " + ns + "/"
                        + ref.getName());
            }
            return value;
        }
        return "";
    }

    /** A Secret's data decoded (stringData is folded into data by the API server; kept here for unit inputs). */
    static Map<String, String> decode(Secret s) {
        Map<String, String> out = new LinkedHashMap<>();
        if (s.getData() != null) {
            s.getData().forEach((k, v) -> out.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
        }
        if (s.getStringData() != null) {
            out.putAll(s.getStringData());
        }
        return out;
    }

    private static void putValid(Map<String, String> env, String prefix, Map<String, String> data) {
        if (data == null) {
            return;
        }
        new java.util.TreeMap<>(data).forEach((k, v) -> {
            String name = prefix + k;
            // Kubernetes skips (and reports in an event) keys that are not valid variable names.
            if (name.matches("[-._a-zA-Z][-._a-zA-Z0-9]*")) {
                env.put(name, v);
            }
        });
    }

    private static <T> List<T> list(List<T> l) {
        return l == null ? List.of() : l;
    }
}
