package dev.j8s.net.ingress.route;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * nginx-proxy's convention on pods: a container whose {@code env} sets {@code VIRTUAL_HOST} (one host
 * or several, comma-separated) receives that host's traffic on {@code VIRTUAL_PORT}, else on its only
 * declared containerPort, else on 80. Only Ready pods with an IP count, and a pod being deleted
 * ({@code deletionTimestamp} set) leaves at once; pods claiming the same host share it round-robin.
 */
public final class VirtualHostPods {

    public static final String VIRTUAL_HOST = "VIRTUAL_HOST";
    public static final String VIRTUAL_PORT = "VIRTUAL_PORT";

    private VirtualHostPods() {}

    /** The upstreams of every host the pods claim, by lower-case host. */
    public static Map<String, Upstreams> routes(List<Pod> pods) {
        Map<String, List<UpstreamAddress>> byHost = new TreeMap<>();
        List<Pod> sorted = new ArrayList<>(pods);
        sorted.sort(Comparator.comparing(p -> p.getMetadata().getNamespace() + "/" + p.getMetadata().getName()));
        for (Pod pod : sorted) {
            if (!serves(pod) || pod.getSpec() == null || pod.getSpec().getContainers() == null) {
                continue;
            }
            for (Container c : pod.getSpec().getContainers()) {
                String hosts = env(c, VIRTUAL_HOST);
                if (hosts == null || hosts.isBlank()) {
                    continue;
                }
                int port = port(c);
                for (String host : hosts.split(",")) {
                    String h = host.trim().toLowerCase(Locale.ROOT);
                    if (!h.isEmpty()) {
                        List<UpstreamAddress> list = byHost.computeIfAbsent(h, k -> new ArrayList<>());
                        UpstreamAddress address = UpstreamAddress.of(pod.getStatus().getPodIP(), port);
                        if (!list.contains(address)) {
                            list.add(address);
                        }
                    }
                }
            }
        }
        Map<String, Upstreams> out = new TreeMap<>();
        byHost.forEach((host, addresses) -> out.put(host, new Upstreams("VIRTUAL_HOST " + host, addresses)));
        return out;
    }

    /** Whether any container of the pod sets VIRTUAL_HOST (the pods the ingress watches for). */
    public static boolean claimsHost(Pod pod) {
        if (pod.getSpec() == null || pod.getSpec().getContainers() == null) {
            return false;
        }
        for (Container c : pod.getSpec().getContainers()) {
            String v = env(c, VIRTUAL_HOST);
            if (v != null && !v.isBlank()) {
                return true;
            }
        }
        return false;
    }

    static boolean serves(Pod pod) {
        if (pod.getMetadata().getDeletionTimestamp() != null || pod.getStatus() == null) {
            return false;
        }
        String ip = pod.getStatus().getPodIP();
        if (ip == null || ip.isEmpty() || pod.getStatus().getConditions() == null) {
            return false;
        }
        for (PodCondition condition : pod.getStatus().getConditions()) {
            if ("Ready".equals(condition.getType())) {
                return "True".equals(condition.getStatus());
            }
        }
        return false;
    }

    static int port(Container c) {
        String virtualPort = env(c, VIRTUAL_PORT);
        if (virtualPort != null) {
            try {
                int p = Integer.parseInt(virtualPort.trim());
                if (p > 0 && p < 65536) {
                    return p;
                }
            } catch (NumberFormatException e) {
                // nginx-proxy ignores a VIRTUAL_PORT that is not a port; so does j8s
            }
        }
        if (c.getPorts() != null && c.getPorts().size() == 1 && c.getPorts().get(0).getContainerPort() != null) {
            return c.getPorts().get(0).getContainerPort();
        }
        return 80;
    }

    private static String env(Container c, String name) {
        if (c.getEnv() == null) {
            return null;
        }
        for (EnvVar e : c.getEnv()) {
            if (name.equals(e.getName())) {
                return e.getValue();
            }
        }
        return null;
    }
}
