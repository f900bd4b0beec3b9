package dev.j8s.api.defaults;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Defaults of Services (pkg/apis/core/v1/defaults.go SetDefaults_Service). */
final class ServiceDefaults {

    private ServiceDefaults() {}

    static void service(ObjectNode svc) {
        ObjectNode spec = Nodes.obj(svc, "spec");
        Nodes.put(spec, "type", "ClusterIP");
        String type = spec.path("type").asText();
        Nodes.put(spec, "sessionAffinity", "None");
        if (!type.equals("ExternalName")) {
            Nodes.put(spec, "internalTrafficPolicy", "Cluster");
            Nodes.put(spec, "ipFamilyPolicy", "SingleStack");
            if (Nodes.absent(spec, "ipFamilies")) {
                ArrayNode families = spec.putArray("ipFamilies");
                families.add("IPv4");
            }
        }
        if (type.equals("NodePort") || type.equals("LoadBalancer")) {
            Nodes.put(spec, "externalTrafficPolicy", "Cluster");
        }
        if (type.equals("LoadBalancer")) {
            Nodes.put(spec, "allocateLoadBalancerNodePorts", true);
        }
        Nodes.eachObject(spec, "ports", p -> {
            Nodes.put(p, "protocol", "TCP");
            if (Nodes.absent(p, "targetPort") && p.has("port")) {
                p.set("targetPort", p.get("port"));
            }
        });
    }
}
