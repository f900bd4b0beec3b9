package dev.j8s.apiserver.servicenet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** What a Service's spec asks of the allocators (the {@code needs*} predicates of Kubernetes' service REST). */
record ServiceShape(String type, String clusterIP, boolean allocateLoadBalancerNodePorts, String externalTrafficPolicy) {

    static ServiceShape of(JsonNode service) {
        JsonNode spec = service.path("spec");
        String type = spec.path("type").asText("");
        String clusterIP = spec.path("clusterIP").asText("");
        if (clusterIP.isEmpty() && spec.path("clusterIPs").size() > 0) {
            clusterIP = spec.path("clusterIPs").get(0).asText("");
        }
        return new ServiceShape(type.isEmpty() ? "ClusterIP" : type, clusterIP,
                spec.path("allocateLoadBalancerNodePorts").asBoolean(true), spec.path("externalTrafficPolicy").asText(""));
    }

    /** Every type but ExternalName has a cluster IP (or is headless). */
    boolean needsClusterIP() {
        return !type.equals("ExternalName");
    }

    boolean headless() {
        return clusterIP.equals("None");
    }

    boolean needsNodePorts() {
        return type.equals("NodePort") || (type.equals("LoadBalancer") && allocateLoadBalancerNodePorts);
    }

    /** kube-proxy's health check port: LoadBalancer Services with externalTrafficPolicy Local. */
    boolean needsHealthCheckNodePort() {
        return type.equals("LoadBalancer") && externalTrafficPolicy.equals("Local");
    }

    boolean externallyAccessible() {
        return type.equals("NodePort") || type.equals("LoadBalancer");
    }

    /** The allocated cluster IP, if the Service holds one. */
    static String allocatedIp(JsonNode service) {
        ServiceShape shape = of(service);
        return shape.needsClusterIP() && !shape.headless() && !shape.clusterIP().isEmpty() ? shape.clusterIP() : null;
    }

    /** The node ports (including the health check port) the Service holds. */
    static Set<Integer> allocatedPorts(JsonNode service) {
        Set<Integer> ports = new LinkedHashSet<>();
        for (JsonNode port : service.path("spec").path("ports")) {
            int nodePort = port.path("nodePort").asInt(0);
            if (nodePort > 0) {
                ports.add(nodePort);
            }
        }
        int health = service.path("spec").path("healthCheckNodePort").asInt(0);
        if (health > 0) {
            ports.add(health);
        }
        return ports;
    }

    static List<ObjectNode> ports(ObjectNode service) {
        List<ObjectNode> ports = new ArrayList<>();
        for (JsonNode port : service.path("spec").path("ports")) {
            if (port instanceof ObjectNode p) {
                ports.add(p);
            }
        }
        return ports;
    }
}
