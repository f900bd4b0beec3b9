package dev.j8s.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Columns of networking, discovery, coordination, policy, autoscaling, storage and scheduling resources. */
final class OtherPrinters {

    private OtherPrinters() {}

    static void register(Map<String, List<Column>> into) {
        into.put("networking.k8s.io/ingresses", List.of(Column.nameColumn(),
                Column.of("Class", "string", "The name of the IngressClass resource used to implement this ingress.",
                        (o, now) -> Cells.text(o.path("spec").path("ingressClassName"), Cells.NONE)),
                Column.of("Hosts", "string", "Hosts that incoming requests are matched against.", (o, now) -> hosts(o)),
                Column.of("Address", "string", "Address is a list containing ingress points for the load-balancer.",
                        (o, now) -> ingressAddress(o)),
                Column.of("Ports", "string", "Ports of TLS configurations that open.",
                        (o, now) -> o.path("spec").path("tls").isEmpty() ? "80" : "80, 443"),
                Column.ageColumn()));
        into.put("networking.k8s.io/ingressclasses", List.of(Column.nameColumn(),
                Column.of("Controller", "string", "Controller that is responsible for handling this class.",
                        (o, now) -> o.path("spec").path("controller").asText("")),
                Column.of("Parameters", "string", "A reference to a resource with additional parameters.",
                        (o, now) -> Cells.NONE),
                Column.ageColumn()));
        into.put("discovery.k8s.io/endpointslices", List.of(Column.nameColumn(),
                Column.of("AddressType", "string", "The IP protocol family for this EndpointSlice.",
                        (o, now) -> o.path("addressType").asText("")),
                Column.of("Ports", "string", "The ports of the endpoints.",
                        (o, now) -> o.path("ports").isEmpty() ? Cells.NONE
                                : String.join(",", Cells.each(o.path("ports"), "port"))),
                Column.of("Endpoints", "string", "The addresses of the endpoints.", (o, now) -> sliceEndpoints(o)),
                Column.ageColumn()));
        into.put("coordination.k8s.io/leases", List.of(Column.nameColumn(),
                Column.of("Holder", "string", "The holder of the lease.",
                        (o, now) -> o.path("spec").path("holderIdentity").asText("")),
                Column.ageColumn()));
        into.put("autoscaling/horizontalpodautoscalers", List.of(Column.nameColumn(),
                Column.of("Reference", "string", "The reference to the autoscaled resource.",
                        (o, now) -> o.path("spec").path("scaleTargetRef").path("kind").asText("") + "/"
                                + o.path("spec").path("scaleTargetRef").path("name").asText("")),
                Column.of("Targets", "string", "The target metrics.", (o, now) -> "<unknown>"),
                Column.of("MinPods", "string", "The minimum number of replicas.",
                        (o, now) -> o.path("spec").path("minReplicas").asText("1")),
                Column.of("MaxPods", "integer", "The maximum number of replicas.",
                        (o, now) -> o.path("spec").path("maxReplicas").asLong()),
                Column.of("Replicas", "integer", "Current number of replicas.",
                        (o, now) -> o.path("status").path("currentReplicas").asLong()),
                Column.ageColumn()));
        into.put("policy/poddisruptionbudgets", List.of(Column.nameColumn(),
                Column.of("Min Available", "string", "The minimum number of pods that must be available.",
                        (o, now) -> Cells.text(o.path("spec").path("minAvailable"), "N/A")),
                Column.of("Max Unavailable", "string", "The maximum number of pods that may be unavailable.",
                        (o, now) -> Cells.text(o.path("spec").path("maxUnavailable"), "N/A")),
                Column.of("Allowed Disruptions", "integer", "Number of pod disruptions that are currently allowed.",
                        (o, now) -> o.path("status").path("disruptionsAllowed").asLong()),
                Column.ageColumn()));
        into.put("storage.k8s.io/storageclasses", List.of(Column.nameColumn(),
                Column.of("Provisioner", "string", "Indicates the type of the provisioner.",
                        (o, now) -> o.path("provisioner").asText("")),
                Column.of("ReclaimPolicy", "string", "Indicates the type of the reclaim policy.",
                        (o, now) -> o.path("reclaimPolicy").asText("Delete")),
                Column.of("VolumeBindingMode", "string", "Indicates when volume binding and provisioning occurs.",
                        (o, now) -> o.path("volumeBindingMode").asText("Immediate")),
                Column.of("AllowVolumeExpansion", "string", "Whether the class allows volume expansion.",
                        (o, now) -> o.path("allowVolumeExpansion").asBoolean(false) ? "true" : "false"),
                Column.ageColumn()));
        into.put("scheduling.k8s.io/priorityclasses", List.of(Column.nameColumn(),
                Column.of("Value", "integer", "The value of this priority class.", (o, now) -> o.path("value").asLong()),
                Column.of("Global-Default", "boolean", "Whether this is the default priority class.",
                        (o, now) -> o.path("globalDefault").asBoolean(false) ? "true" : "false"),
                Column.of("Preemption-Policy", "string", "The preemption policy of the class.",
                        (o, now) -> o.path("preemptionPolicy").asText("PreemptLowerPriority")),
                Column.ageColumn()));
        Column roleRef = Column.of("Role", "string", "The role of the binding.",
                (o, now) -> o.path("roleRef").path("kind").asText("") + "/" + o.path("roleRef").path("name").asText(""));
        into.put("rbac.authorization.k8s.io/rolebindings", List.of(Column.nameColumn(), roleRef, Column.ageColumn()));
        into.put("rbac.authorization.k8s.io/clusterrolebindings", List.of(Column.nameColumn(), roleRef, Column.ageColumn()));
        Column createdAt = new Column("Created At", "string", "", "CreationTimestamp is a timestamp representing the "
                + "server time when this object was created.", 0,
                (o, now) -> o.path("metadata").path("creationTimestamp").asText(""));
        into.put("rbac.authorization.k8s.io/roles", List.of(Column.nameColumn(), createdAt));
        into.put("rbac.authorization.k8s.io/clusterroles", List.of(Column.nameColumn(), createdAt));
    }

    private static String hosts(JsonNode ingress) {
        List<String> hosts = new ArrayList<>();
        for (JsonNode rule : ingress.path("spec").path("rules")) {
            hosts.add(rule.path("host").asText("*").isEmpty() ? "*" : rule.path("host").asText("*"));
        }
        if (hosts.isEmpty()) {
            return "*";
        }
        return hosts.size() > 4 ? String.join(",", hosts.subList(0, 4)) + " + " + (hosts.size() - 4) + " more..."
                : String.join(",", hosts);
    }

    private static String ingressAddress(JsonNode ingress) {
        List<String> out = new ArrayList<>();
        for (JsonNode i : ingress.path("status").path("loadBalancer").path("ingress")) {
            out.add(i.hasNonNull("ip") ? i.get("ip").asText() : i.path("hostname").asText());
        }
        return String.join(",", out);
    }

    private static String sliceEndpoints(JsonNode slice) {
        List<String> out = new ArrayList<>();
        for (JsonNode e : slice.path("endpoints")) {
            e.path("addresses").forEach(a -> out.add(a.asText()));
        }
        if (out.isEmpty()) {
            return "<unset>";
        }
        return out.size() > 3 ? String.join(",", out.subList(0, 3)) + " + " + (out.size() - 3) + " more..."
                : String.join(",", out);
    }
}
