package dev.j8s.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Columns of core/v1 resources, as pkg/printers/internalversion prints them. */
final class CorePrinters {

    private CorePrinters() {}

    static void register(Map<String, List<Column>> into) {
        into.put("/pods", List.of(Column.nameColumn(),
                Column.of("Ready", "string", "The aggregate readiness state of this pod for accepting traffic.",
                        (o, now) -> PodStatusText.ready(o)),
                Column.of("Status", "string", "The aggregate status of the containers in this pod.",
                        (o, now) -> PodStatusText.reason(o)),
                Column.of("Restarts", "string", "The number of times the containers in this pod have been restarted "
                        + "and when the last container in this pod has restarted.", PodStatusText::restarts),
                Column.ageColumn(),
                Column.wide("IP", "string", "IP address allocated to the pod. Routable at least within the cluster.",
                        (o, now) -> Cells.text(o.path("status").path("podIP"), Cells.NONE)),
                Column.wide("Node", "string", "The name of the node the pod is assigned to.",
                        (o, now) -> Cells.text(o.path("spec").path("nodeName"), Cells.NONE)),
                Column.wide("Nominated Node", "string", "The name of the node where the pod is nominated to run.",
                        (o, now) -> Cells.text(o.path("status").path("nominatedNodeName"), Cells.NONE)),
                Column.wide("Readiness Gates", "string", "The readiness gates of the pod.",
                        (o, now) -> PodStatusText.readinessGates(o))));
        into.put("/services", List.of(Column.nameColumn(),
                Column.of("Type", "string", "The type of the service.",
                        (o, now) -> o.path("spec").path("type").asText("ClusterIP")),
                Column.of("Cluster-IP", "string", "The cluster IP of the service.",
                        (o, now) -> Cells.text(o.path("spec").path("clusterIP"), Cells.NONE)),
                Column.of("External-IP", "string", "The external IP of the service.", (o, now) -> externalIp(o)),
                Column.of("Port(s)", "string", "The ports the service exposes.",
                        (o, now) -> Cells.servicePorts(o.path("spec").path("ports"))),
                Column.ageColumn(),
                Column.wide("Selector", "string", "The label selector of the service.",
                        (o, now) -> Cells.labelMap(o.path("spec").path("selector")))));
        into.put("/configmaps", List.of(Column.nameColumn(),
                Column.of("Data", "integer", "Number of data entries in the config map.",
                        (o, now) -> Cells.countFields(o.get("data"), o.get("binaryData"))),
                Column.ageColumn()));
        into.put("/secrets", List.of(Column.nameColumn(),
                Column.of("Type", "string", "The type of the secret.", (o, now) -> o.path("type").asText("Opaque")),
                Column.of("Data", "integer", "Number of data entries in the secret.",
                        (o, now) -> Cells.countFields(o.get("data"))),
                Column.ageColumn()));
        into.put("/namespaces", List.of(Column.nameColumn(),
                Column.of("Status", "string", "The status of the namespace.",
                        (o, now) -> o.path("status").path("phase").asText("Active")),
                Column.ageColumn()));
        into.put("/nodes", List.of(Column.nameColumn(),
                Column.of("Status", "string", "The status of the node.", (o, now) -> nodeStatus(o)),
                Column.of("Roles", "string", "The roles of the node.", (o, now) -> nodeRoles(o)),
                Column.ageColumn(),
                Column.of("Version", "string", "Kubelet version.",
                        (o, now) -> o.path("status").path("nodeInfo").path("kubeletVersion").asText("")),
                Column.wide("Internal-IP", "string", "The internal IP of the node.", (o, now) -> address(o, "InternalIP")),
                Column.wide("External-IP", "string", "The external IP of the node.", (o, now) -> address(o, "ExternalIP")),
                Column.wide("OS-Image", "string", "The OS image of the node.",
                        (o, now) -> Cells.text(o.path("status").path("nodeInfo").path("osImage"), "<unknown>")),
                Column.wide("Kernel-Version", "string", "The kernel version of the node.",
                        (o, now) -> Cells.text(o.path("status").path("nodeInfo").path("kernelVersion"), "<unknown>")),
                Column.wide("Container-Runtime", "string", "The container runtime of the node.",
                        (o, now) -> Cells.text(o.path("status").path("nodeInfo").path("containerRuntimeVersion"),
                                "<unknown>"))));
        into.put("/serviceaccounts", List.of(Column.nameColumn(),
                Column.of("Secrets", "string", "Number of secrets of the service account.",
                        (o, now) -> o.path("secrets").size()),
                Column.ageColumn()));
        into.put("/endpoints", List.of(Column.nameColumn(),
                Column.of("Endpoints", "string", "Endpoints of the service.", (o, now) -> endpoints(o)),
                Column.ageColumn()));
        into.put("/events", List.of(
                Column.of("Last Seen", "string", "Time since the event was last seen.",
                        (o, now) -> Ages.since(o.hasNonNull("lastTimestamp") ? o.get("lastTimestamp")
                                : o.path("eventTime"), now)),
                Column.of("Type", "string", "Type of the event.", (o, now) -> o.path("type").asText("")),
                Column.of("Reason", "string", "Reason of the event.", (o, now) -> o.path("reason").asText("")),
                Column.of("Object", "string", "The object the event is about.",
                        (o, now) -> o.path("involvedObject").path("kind").asText("").toLowerCase(java.util.Locale.ROOT)
                                + "/" + o.path("involvedObject").path("name").asText("")),
                Column.of("Message", "string", "Message of the event.", (o, now) -> o.path("message").asText(""))));
        into.put("/persistentvolumeclaims", List.of(Column.nameColumn(),
                Column.of("Status", "string", "The phase of the claim.",
                        (o, now) -> o.path("status").path("phase").asText("")),
                Column.of("Volume", "string", "The bound volume.", (o, now) -> o.path("spec").path("volumeName").asText("")),
                Column.of("Capacity", "string", "The capacity of the volume.",
                        (o, now) -> o.path("status").path("capacity").path("storage").asText("")),
                Column.of("Access Modes", "string", "The access modes of the claim.",
                        (o, now) -> accessModes(o.path("status").path("accessModes"))),
                Column.of("StorageClass", "string", "The storage class of the claim.",
                        (o, now) -> Cells.text(o.path("spec").path("storageClassName"), "<unset>")),
                Column.of("VolumeAttributesClass", "string", "The volume attributes class of the claim.",
                        (o, now) -> Cells.text(o.path("spec").path("volumeAttributesClassName"), "<unset>")),
                Column.ageColumn(),
                Column.wide("VolumeMode", "string", "The volume mode of the claim.",
                        (o, now) -> o.path("spec").path("volumeMode").asText("Filesystem"))));
    }

    private static String externalIp(JsonNode svc) {
        String type = svc.path("spec").path("type").asText("ClusterIP");
        List<String> ips = new ArrayList<>();
        svc.path("spec").path("externalIPs").forEach(ip -> ips.add(ip.asText()));
        if (type.equals("LoadBalancer")) {
            for (JsonNode ingress : svc.path("status").path("loadBalancer").path("ingress")) {
                ips.add(ingress.hasNonNull("ip") ? ingress.get("ip").asText() : ingress.path("hostname").asText());
            }
            return ips.isEmpty() ? "<pending>" : String.join(",", ips);
        }
        if (type.equals("ExternalName")) {
            return svc.path("spec").path("externalName").asText("");
        }
        return ips.isEmpty() ? Cells.NONE : String.join(",", ips);
    }

    private static String nodeStatus(JsonNode node) {
        String ready = "Unknown";
        for (JsonNode c : node.path("status").path("conditions")) {
            if (c.path("type").asText().equals("Ready")) {
                ready = c.path("status").asText().equals("True") ? "Ready" : "NotReady";
            }
        }
        return node.path("spec").path("unschedulable").asBoolean(false) ? ready + ",SchedulingDisabled" : ready;
    }

    private static String nodeRoles(JsonNode node) {
        List<String> roles = new ArrayList<>();
        node.path("metadata").path("labels").fieldNames().forEachRemaining(l -> {
            if (l.startsWith("node-role.kubernetes.io/")) {
                roles.add(l.substring("node-role.kubernetes.io/".length()));
            }
        });
        return Cells.joined(roles);
    }

    private static String address(JsonNode node, String type) {
        for (JsonNode a : node.path("status").path("addresses")) {
            if (a.path("type").asText().equals(type)) {
                return a.path("address").asText();
            }
        }
        return Cells.NONE;
    }

    private static String endpoints(JsonNode ep) {
        List<String> out = new ArrayList<>();
        for (JsonNode subset : ep.path("subsets")) {
            for (JsonNode addr : subset.path("addresses")) {
                if (subset.path("ports").isEmpty()) {
                    out.add(addr.path("ip").asText());
                }
                for (JsonNode port : subset.path("ports")) {
                    out.add(addr.path("ip").asText() + ":" + port.path("port").asText());
                }
            }
        }
        if (out.size() > 3) {
            return String.join(",", out.subList(0, 3)) + " + " + (out.size() - 3) + " more...";
        }
        return Cells.joined(out);
    }

    private static String accessModes(JsonNode modes) {
        List<String> out = new ArrayList<>();
        for (JsonNode m : modes) {
            out.add(switch (m.asText()) {
                case "ReadWriteOnce" -> "RWO";
                case "ReadOnlyMany" -> "ROX";
                case "ReadWriteMany" -> "RWX";
                case "ReadWriteOncePod" -> "RWOP";
                default -> m.asText();
            });
        }
        return String.join(",", out);
    }
}
