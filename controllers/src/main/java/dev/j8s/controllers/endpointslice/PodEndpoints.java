package dev.j8s.controllers.endpointslice;

import dev.j8s.controllers.framework.PodReadiness;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPortBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * How a pod appears behind a Service, as Kubernetes' endpoint utilities decide it: whether it is listed at all
 * ({@code ShouldPodBeInEndpoints}), its ready/serving/terminating conditions, the hostname a StatefulSet pod
 * gets under its governing Service, and each Service port resolved against the pod's containers
 * ({@code podutil.FindPort}: a named targetPort is looked up per pod).
 */
public final class PodEndpoints {

    private PodEndpoints() {}

    /** The Service selects pods (a selector-less Service's endpoints are managed by hand). */
    public static boolean hasSelector(Service service) {
        Map<String, String> selector = service.getSpec() == null ? null : service.getSpec().getSelector();
        return selector != null && !selector.isEmpty();
    }

    /**
     * Whether the pod is listed: it has an IP, is not terminal (Succeeded/Failed), and is not terminating
     * unless {@code includeTerminating} (the EndpointSlice controller keeps terminating pods, the legacy
     * Endpoints controller only when the Service publishes not-ready addresses).
     */
    public static boolean shouldInclude(Pod pod, boolean includeTerminating) {
        if (podIp(pod) == null) {
            return false;
        }
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        if ("Succeeded".equals(phase) || "Failed".equals(phase)) {
            return false;
        }
        return includeTerminating || pod.getMetadata().getDeletionTimestamp() == null;
    }

    /** The pod's primary IPv4 address, or null. */
    public static String podIp(Pod pod) {
        if (pod.getStatus() == null) {
            return null;
        }
        String ip = pod.getStatus().getPodIP();
        if ((ip == null || ip.isEmpty()) && pod.getStatus().getPodIPs() != null && !pod.getStatus().getPodIPs().isEmpty()) {
            ip = pod.getStatus().getPodIPs().get(0).getIp();
        }
        return ip == null || ip.isEmpty() || ip.contains(":") ? null : ip;
    }

    public static boolean terminating(Pod pod) {
        return pod.getMetadata().getDeletionTimestamp() != null;
    }

    /** EndpointConditions.serving: the pod is ready (terminating or not), or the Service publishes not-ready ones. */
    public static boolean serving(Service service, Pod pod) {
        return publishNotReady(service) || PodReadiness.isReady(pod);
    }

    /** EndpointConditions.ready: serving and not terminating, or the Service publishes not-ready ones. */
    public static boolean ready(Service service, Pod pod) {
        return publishNotReady(service) || (PodReadiness.isReady(pod) && !terminating(pod));
    }

    public static boolean publishNotReady(Service service) {
        return Boolean.TRUE.equals(service.getSpec().getPublishNotReadyAddresses());
    }

    /** {@code spec.hostname} when the pod's subdomain names this Service (StatefulSet pods under their Service). */
    public static String hostname(Service service, Pod pod) {
        String hostname = pod.getSpec() == null ? null : pod.getSpec().getHostname();
        String subdomain = pod.getSpec() == null ? null : pod.getSpec().getSubdomain();
        if (hostname == null || hostname.isEmpty() || !Objects.equals(subdomain, service.getMetadata().getName())
                || !Objects.equals(pod.getMetadata().getNamespace(), service.getMetadata().getNamespace())) {
            return null;
        }
        return hostname;
    }

    /** The Service's ports as this pod serves them; ports the pod cannot resolve are left out. */
    public static List<EndpointPort> ports(Service service, Pod pod) {
        List<EndpointPort> ports = new ArrayList<>();
        for (ServicePort sp : service.getSpec().getPorts() == null ? List.<ServicePort>of() : service.getSpec().getPorts()) {
            OptionalInt number = targetPort(sp, pod);
            if (number.isEmpty()) {
                continue;
            }
            ports.add(new EndpointPortBuilder().withName(sp.getName() == null ? "" : sp.getName())
                    .withPort(number.getAsInt()).withProtocol(protocol(sp.getProtocol()))
                    .withAppProtocol(sp.getAppProtocol()).build());
        }
        return ports;
    }

    /** {@code podutil.FindPort}: a number is used as is, a name is the pod's container port of that name and protocol. */
    static OptionalInt targetPort(ServicePort sp, Pod pod) {
        IntOrString target = sp.getTargetPort();
        if (target == null || (target.getIntVal() == null && (target.getStrVal() == null || target.getStrVal().isEmpty()))) {
            return sp.getPort() == null ? OptionalInt.empty() : OptionalInt.of(sp.getPort());
        }
        if (target.getIntVal() != null) {
            return target.getIntVal() == 0 ? OptionalInt.of(sp.getPort()) : OptionalInt.of(target.getIntVal());
        }
        String name = target.getStrVal();
        List<Container> containers = new ArrayList<>();
        if (pod.getSpec() != null && pod.getSpec().getContainers() != null) {
            containers.addAll(pod.getSpec().getContainers());
        }
        if (pod.getSpec() != null && pod.getSpec().getInitContainers() != null) {
            // Sidecars (restartable init containers) serve ports too.
            pod.getSpec().getInitContainers().stream().filter(c -> "Always".equals(c.getRestartPolicy()))
                    .forEach(containers::add);
        }
        for (Container c : containers) {
            for (ContainerPort cp : c.getPorts() == null ? List.<ContainerPort>of() : c.getPorts()) {
                if (name.equals(cp.getName()) && protocol(cp.getProtocol()).equals(protocol(sp.getProtocol()))) {
                    return OptionalInt.of(cp.getContainerPort());
                }
            }
        }
        return OptionalInt.empty();
    }

    private static String protocol(String protocol) {
        return protocol == null || protocol.isEmpty() ? "TCP" : protocol;
    }
}
