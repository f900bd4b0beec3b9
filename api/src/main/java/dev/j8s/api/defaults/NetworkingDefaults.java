package dev.j8s.api.defaults;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** networking.k8s.io/v1 and discovery defaults. Ingress paths have no default pathType in v1. */
final class NetworkingDefaults {

    private NetworkingDefaults() {}

    /** {@code SetDefaults_NetworkPolicy}: policyTypes from the rules present; ports default to TCP. */
    static void networkPolicy(ObjectNode policy) {
        ObjectNode spec = Fields.object(policy, "spec");
        for (String direction : new String[] {"ingress", "egress"}) {
            for (ObjectNode rule : Fields.elements(spec, direction)) {
                Fields.elements(rule, "ports").forEach(p -> Fields.text(p, "protocol", "TCP"));
            }
        }
        if (Fields.absent(spec, "policyTypes") || spec.get("policyTypes").isEmpty()) {
            var types = spec.putArray("policyTypes");
            types.add("Ingress");
            if (spec.path("egress").size() > 0) {
                types.add("Egress");
            }
        }
    }

    /** EndpointSlice ports default to TCP. */
    static void endpointSlice(ObjectNode slice) {
        Fields.elements(slice, "ports").forEach(p -> Fields.text(p, "protocol", "TCP"));
    }
}
