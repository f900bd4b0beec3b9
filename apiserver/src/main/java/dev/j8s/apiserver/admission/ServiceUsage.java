package dev.j8s.apiserver.admission;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * Services (pkg/quota/v1/evaluator/core/services.go): every Service counts in {@code services};
 * NodePort and LoadBalancer Services use one node port per port, LoadBalancers one load balancer.
 */
public final class ServiceUsage implements UsageEvaluator {

    static final Set<String> RESOURCES = Set.of("count/services", "services", "services.nodeports",
            "services.loadbalancers");

    @Override
    public String groupResource() {
        return "services";
    }

    @Override
    public Set<String> matchingResources(Collection<String> names) {
        Set<String> out = new TreeSet<>(names);
        out.retainAll(RESOURCES);
        return out;
    }

    @Override
    public ResourceList usage(JsonNode service, Instant now) {
        JsonNode spec = service.path("spec");
        int ports = spec.path("ports").size();
        long nodePorts = 0;
        long loadBalancers = 0;
        switch (spec.path("type").asText("ClusterIP")) {
            case "NodePort" -> nodePorts = ports;
            case "LoadBalancer" -> {
                loadBalancers = 1;
                // Without node port allocation only ports that name a node port explicitly use one.
                nodePorts = spec.path("allocateLoadBalancerNodePorts").asBoolean(true) ? ports
                        : countExplicitNodePorts(spec);
            }
            default -> { }
        }
        return ResourceList.EMPTY
                .with("count/services", Amount.of(1))
                .with("services", Amount.of(1))
                .with("services.nodeports", Amount.of(nodePorts))
                .with("services.loadbalancers", Amount.of(loadBalancers));
    }

    private static long countExplicitNodePorts(JsonNode spec) {
        long n = 0;
        for (JsonNode port : spec.path("ports")) {
            if (port.path("nodePort").asInt(0) != 0) {
                n++;
            }
        }
        return n;
    }
}
