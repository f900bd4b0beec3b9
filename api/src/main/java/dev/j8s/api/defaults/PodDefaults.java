package dev.j8s.api.defaults;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * {@code SetDefaults_Pod}: what only a Pod (not a template) gets — requests copied from limits,
 * enableServiceLinks, host ports under hostNetwork — on top of the pod spec defaults.
 */
final class PodDefaults {

    private PodDefaults() {}

    static void apply(ObjectNode pod) {
        ObjectNode spec = Fields.object(pod, "spec");
        for (String list : List.of("containers", "initContainers")) {
            Fields.elements(spec, list).forEach(PodDefaults::requestsFromLimits);
        }
        Fields.bool(spec, "enableServiceLinks", true);
        if (spec.path("hostNetwork").asBoolean(false)) {
            for (String list : List.of("containers", "initContainers")) {
                for (ObjectNode c : Fields.elements(spec, list)) {
                    for (ObjectNode port : Fields.elements(c, "ports")) {
                        if (Fields.zero(port, "hostPort")) {
                            port.set("hostPort", port.path("containerPort").deepCopy());
                        }
                    }
                }
            }
        }
        PodSpecDefaults.apply(spec);
    }

    /** A limit without a request means the request equals the limit. */
    private static void requestsFromLimits(ObjectNode container) {
        ObjectNode resources = Fields.existing(container, "resources");
        ObjectNode limits = resources == null ? null : Fields.existing(resources, "limits");
        if (limits == null) {
            return;
        }
        ObjectNode requests = Fields.object(resources, "requests");
        limits.properties().forEach(e -> {
            if (!requests.has(e.getKey())) {
                requests.set(e.getKey(), e.getValue().deepCopy());
            }
        });
    }
}
