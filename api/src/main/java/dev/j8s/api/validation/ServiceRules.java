package dev.j8s.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.j8s.api.StatusCause;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Service validation (ValidateService), ports, types and the immutable cluster IP. */
final class ServiceRules {

    private static final List<String> TYPES = List.of("ClusterIP", "ExternalName", "LoadBalancer", "NodePort");

    private ServiceRules() {}

    static void validate(JsonNode svc, JsonNode old, List<StatusCause> out) {
        JsonNode spec = svc.path("spec");
        String type = spec.path("type").asText("ClusterIP");
        if (!TYPES.contains(type)) {
            out.add(StatusCause.notSupported("spec.type", type, TYPES));
        }
        JsonNode ports = spec.path("ports");
        boolean headless = spec.path("clusterIP").asText("").equals("None");
        if (ports.isEmpty() && !type.equals("ExternalName") && !headless) {
            out.add(StatusCause.required("spec.ports"));
        }
        Set<String> names = new HashSet<>();
        int i = 0;
        for (JsonNode p : ports) {
            String at = "spec.ports[" + i++ + "]";
            String name = p.path("name").asText("");
            if (ports.size() > 1 && name.isEmpty()) {
                out.add(StatusCause.required(at + ".name"));
            } else if (!name.isEmpty()) {
                Names.dnsLabel(at + ".name", name, out);
                if (!names.add(name)) {
                    out.add(StatusCause.duplicate(at + ".name", name));
                }
            }
            PodSpecRules.portNumber(at + ".port", p.path("port"), true, out);
            PodSpecRules.protocol(at + ".protocol", p.path("protocol"), out);
            int nodePort = p.path("nodePort").asInt(0);
            if (nodePort != 0) {
                if (type.equals("ClusterIP")) {
                    out.add(StatusCause.forbidden(at + ".nodePort", "may not be used when `type` is 'ClusterIP'"));
                } else if (nodePort < 30000 || nodePort > 32767) {
                    out.add(StatusCause.invalid(at + ".nodePort", nodePort,
                            "provided port is not in the valid range. The range of valid ports is 30000-32767"));
                }
            }
        }
        if (type.equals("ExternalName") && spec.path("externalName").asText("").isEmpty()) {
            out.add(StatusCause.required("spec.externalName"));
        }
        if (old != null) {
            String oldIp = old.path("spec").path("clusterIP").asText("");
            String newIp = spec.path("clusterIP").asText("");
            if (!oldIp.isEmpty() && !newIp.isEmpty() && !oldIp.equals(newIp)) {
                out.add(StatusCause.invalid("spec.clusterIPs[0]", newIp, "may not change once set"));
            }
        }
    }
}
