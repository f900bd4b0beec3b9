package dev.j8s.net.proxy;

import dev.j8s.net.endpoints.ServiceEndpoint;
import dev.j8s.net.endpoints.ServiceEndpoints;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** Computes the proxy's desired state from the Services and their endpoints: a pure function of the caches. */
public final class ProxyRules {

    /** kube-proxy's default {@code sessionAffinityConfig.clientIP.timeoutSeconds}: 3 hours. */
    static final int DEFAULT_AFFINITY_SECONDS = 10800;

    private ProxyRules() {}

    /** One rule per port of every proxied Service, sorted so that equal inputs render equal rulesets. */
    public static List<ServicePortRule> compute(Collection<Service> services, ServiceEndpoints endpoints) {
        List<ServicePortRule> rules = new ArrayList<>();
        for (Service service : services) {
            ServiceSpec spec = service.getSpec();
            if (spec == null || spec.getPorts() == null || "ExternalName".equals(spec.getType())) {
                continue;
            }
            String namespace = service.getMetadata().getNamespace();
            String name = service.getMetadata().getName();
            String clusterIP = spec.getClusterIP() == null || spec.getClusterIP().isEmpty()
                    || "None".equals(spec.getClusterIP()) ? null : spec.getClusterIP();
            boolean loadBalancer = "LoadBalancer".equals(spec.getType());
            boolean nodePorts = loadBalancer || "NodePort".equals(spec.getType());
            if (clusterIP == null && !nodePorts) {
                continue; // headless: DNS answers with the pod IPs, nothing to proxy
            }
            int affinity = affinitySeconds(spec);
            for (ServicePort port : spec.getPorts()) {
                String portName = port.getName() == null ? "" : port.getName();
                List<Backend> backends = backends(endpoints.endpoints(namespace, name, portName));
                int nodePort = nodePorts && port.getNodePort() != null ? port.getNodePort() : 0;
                rules.add(new ServicePortRule(namespace, name, portName,
                        port.getProtocol() == null ? "TCP" : port.getProtocol(), clusterIP, port.getPort(),
                        nodePort, loadBalancer, affinity, backends));
            }
        }
        rules.sort(Comparator.comparing(ServicePortRule::namespace).thenComparing(ServicePortRule::service)
                .thenComparing(ServicePortRule::portName));
        return rules;
    }

    /** Ready endpoints; when none is, the serving ones that terminate (as kube-proxy falls back). */
    static List<Backend> backends(List<ServiceEndpoint> endpoints) {
        List<Backend> ready = new ArrayList<>();
        List<Backend> terminating = new ArrayList<>();
        for (ServiceEndpoint endpoint : endpoints) {
            Backend backend = new Backend(endpoint.address(), endpoint.port());
            if (endpoint.ready()) {
                ready.add(backend);
            } else if (endpoint.serving() && endpoint.terminating()) {
                terminating.add(backend);
            }
        }
        List<Backend> chosen = ready.isEmpty() ? terminating : ready;
        chosen.sort(Comparator.comparing(Backend::address).thenComparingInt(Backend::port));
        return chosen;
    }

    static int affinitySeconds(ServiceSpec spec) {
        if (!"ClientIP".equals(spec.getSessionAffinity())) {
            return 0;
        }
        if (spec.getSessionAffinityConfig() != null && spec.getSessionAffinityConfig().getClientIP() != null
                && spec.getSessionAffinityConfig().getClientIP().getTimeoutSeconds() != null) {
            return spec.getSessionAffinityConfig().getClientIP().getTimeoutSeconds();
        }
        return DEFAULT_AFFINITY_SECONDS;
    }
}
