package dev.j8s.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** core/v1 Service: {@code ValidateService} (the parts independent of IP allocation) and clusterIP immutability. */
final class ServiceRules implements KindRules {

    private static final FieldPath SPEC = FieldPath.root("spec");
    private static final List<String> TYPES = List.of("ClusterIP", "ExternalName", "LoadBalancer", "NodePort");
    private static final List<String> PROTOCOLS = List.of("SCTP", "TCP", "UDP");
    private static final List<String> AFFINITIES = List.of("ClientIP", "None");
    private static final List<String> TRAFFIC_POLICIES = List.of("Cluster", "Local");

    /** Service names become DNS names: a DNS-1035 label. */
    @Override
    public NameRule nameRule() {
        return NameRule.DNS1035_LABEL;
    }

    @Override
    public void validate(ObjectNode object, FieldErrors errs) {
        JsonNode spec = Nodes.get(object, "spec");
        String type = Nodes.text(spec, "type");
        if (!type.isEmpty() && !TYPES.contains(type)) {
            errs.notSupported(SPEC.child("type"), type, TYPES);
        }
        if (type.equals("ExternalName")) {
            validateExternalName(Nodes.text(spec, "externalName"), errs);
        }
        List<JsonNode> ports = Nodes.items(spec, "ports");
        boolean headless = "None".equals(Nodes.text(spec, "clusterIP"));
        if (ports.isEmpty() && !headless && !type.equals("ExternalName")) {
            errs.required(SPEC.child("ports"), "");
        }
        validatePorts(ports, type, errs);
        String affinity = Nodes.text(spec, "sessionAffinity");
        if (!affinity.isEmpty() && !AFFINITIES.contains(affinity)) {
            errs.notSupported(SPEC.child("sessionAffinity"), affinity, AFFINITIES);
        }
        ObjectMetaRules.validateLabels(Nodes.get(spec, "selector"), SPEC.child("selector"), errs);
        for (String policy : List.of("externalTrafficPolicy", "internalTrafficPolicy")) {
            String v = Nodes.text(spec, policy);
            if (!v.isEmpty() && !TRAFFIC_POLICIES.contains(v)) {
                errs.notSupported(SPEC.child(policy), v, TRAFFIC_POLICIES);
            }
        }
        if (Nodes.has(spec, "externalTrafficPolicy") && (type.isEmpty() || type.equals("ClusterIP")
                || type.equals("ExternalName"))) {
            errs.invalid(SPEC.child("externalTrafficPolicy"), Nodes.text(spec, "externalTrafficPolicy"),
                    "may only be set for externally-accessible services");
        }
    }

    /**
     * The primary cluster IP may not change once allocated. An absent clusterIP on update means
     * "keep" (the server copies the allocated one), so only a different value is refused.
     */
    @Override
    public void validateUpdate(ObjectNode object, ObjectNode old, FieldErrors errs) {
        JsonNode spec = Nodes.get(object, "spec");
        JsonNode oldSpec = Nodes.get(old, "spec");
        String before = Nodes.text(oldSpec, "clusterIP");
        String now = Nodes.text(spec, "clusterIP");
        boolean externalName = "ExternalName".equals(Nodes.text(spec, "type"))
                || "ExternalName".equals(Nodes.text(oldSpec, "type"));
        if (!before.isEmpty() && !now.isEmpty() && !now.equals(before) && !externalName) {
            List<String> ips = new ArrayList<>();
            Nodes.items(spec, "clusterIPs").forEach(ip -> ips.add(ip.asText()));
            if (ips.isEmpty()) {
                ips.add(now);
            }
            errs.invalid(SPEC.child("clusterIPs").index(0), GoValues.stringSlice(ips), "may not change once set");
        }
    }

    private static void validatePorts(List<JsonNode> ports, String type, FieldErrors errs) {
        Set<String> names = new HashSet<>();
        Set<String> portProtocols = new HashSet<>();
        for (int i = 0; i < ports.size(); i++) {
            JsonNode p = ports.get(i);
            FieldPath pp = SPEC.child("ports").index(i);
            String name = Nodes.text(p, "name");
            if (ports.size() > 1 && name.isEmpty()) {
                errs.required(pp.child("name"), "");
            } else if (!name.isEmpty()) {
                errs.invalidEach(pp.child("name"), name, NameRules.dns1123Label(name));
                if (!names.add(name)) {
                    errs.duplicate(pp.child("name"), name);
                }
            }
            long port = Nodes.numberOr(p, "port", 0);
            errs.invalidEach(pp.child("port"), port, NameRules.portNumber(port));
            String protocol = Nodes.text(p, "protocol");
            if (protocol.isEmpty()) {
                errs.required(pp.child("protocol"), "");
            } else if (!PROTOCOLS.contains(protocol)) {
                errs.notSupported(pp.child("protocol"), protocol, PROTOCOLS);
            }
            JsonNode targetPort = Nodes.get(p, "targetPort");
            if (!targetPort.isMissingNode()) {
                ContainerRules.validatePortNumOrName(targetPort, pp.child("targetPort"), errs);
            }
            validateNodePort(p, pp, type, errs);
            if (!portProtocols.add(port + "/" + protocol)) {
                errs.duplicate(pp, new GoValues.Literal("core.ServicePort{Name:" + GoValues.quote(name)
                        + ", Protocol:" + GoValues.quote(protocol) + ", Port:" + port + "}"));
            }
        }
    }

    private static void validateNodePort(JsonNode p, FieldPath pp, String type, FieldErrors errs) {
        Long nodePort = Nodes.number(p, "nodePort");
        if (nodePort == null || nodePort == 0) {
            return;
        }
        if (type.isEmpty() || type.equals("ClusterIP")) {
            errs.forbidden(pp.child("nodePort"), "may not be used when `type` is 'ClusterIP'");
        } else if (type.equals("ExternalName")) {
            errs.forbidden(pp.child("nodePort"), "may not be used when `type` is 'ExternalName'");
        }
        // The range (--service-node-port-range) is the API server's node port allocator's to check.
    }

    /** {@code IsFullyQualifiedDomainName} with a trailing dot allowed. */
    private static void validateExternalName(String name, FieldErrors errs) {
        FieldPath path = SPEC.child("externalName");
        if (name.isEmpty()) {
            errs.required(path, "");
            return;
        }
        String trimmed = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        List<String> subdomain = NameRules.dns1123Subdomain(trimmed);
        if (!subdomain.isEmpty()) {
            errs.invalid(path, trimmed, String.join(",", subdomain));
        } else if (!trimmed.contains(".")) {
            errs.invalid(path, trimmed, "should be a domain with at least two segments separated by dots");
        }
    }
}
