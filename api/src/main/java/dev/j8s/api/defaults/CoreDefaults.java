package dev.j8s.api.defaults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** core/v1 defaults ({@code pkg/apis/core/v1/defaults.go}) for the non-pod kinds, one method per kind. */
final class CoreDefaults {

    private CoreDefaults() {}

    /**
     * {@code SetDefaults_Service}, plus the single-stack IPv4 family the service REST storage
     * assigns to every Service that gets a cluster IP (j8s serves IPv4 only).
     */
    static void service(ObjectNode service) {
        ObjectNode spec = Fields.object(service, "spec");
        Fields.text(spec, "sessionAffinity", "None");
        String affinity = spec.path("sessionAffinity").asText();
        if (affinity.equals("None")) {
            spec.remove("sessionAffinityConfig");
        } else if (affinity.equals("ClientIP")) {
            JsonNode timeout = spec.path("sessionAffinityConfig").path("clientIP").path("timeoutSeconds");
            if (timeout.isMissingNode() || timeout.isNull()) {
                Fields.object(Fields.object(spec, "sessionAffinityConfig"), "clientIP").put("timeoutSeconds", 10800);
            }
        }
        Fields.text(spec, "type", "ClusterIP");
        String type = spec.path("type").asText();
        for (ObjectNode port : Fields.elements(spec, "ports")) {
            Fields.text(port, "protocol", "TCP");
            JsonNode target = port.get("targetPort");
            if (target == null || target.isNull() || (target.isNumber() && target.asInt() == 0)
                    || (target.isTextual() && target.asText().isEmpty())) {
                port.set("targetPort", port.path("port").deepCopy());
            }
        }
        boolean external = type.equals("NodePort") || type.equals("LoadBalancer")
                || spec.path("externalIPs").size() > 0;
        if (external) {
            Fields.text(spec, "externalTrafficPolicy", "Cluster");
        }
        if (type.equals("NodePort") || type.equals("LoadBalancer") || type.equals("ClusterIP")) {
            Fields.text(spec, "internalTrafficPolicy", "Cluster");
        }
        if (type.equals("LoadBalancer")) {
            Fields.bool(spec, "allocateLoadBalancerNodePorts", true);
        }
        if (!type.equals("ExternalName")) {
            Fields.text(spec, "ipFamilyPolicy", "SingleStack");
            if (Fields.absent(spec, "ipFamilies") || spec.get("ipFamilies").isEmpty()) {
                spec.putArray("ipFamilies").add("IPv4");
            }
        }
    }

    /** {@code SetDefaults_Namespace} / {@code SetDefaults_NamespaceStatus}, and the kubernetes finalizer the registry adds. */
    static void namespace(ObjectNode namespace) {
        ObjectNode meta = Fields.object(namespace, "metadata");
        String name = meta.path("name").asText("");
        if (!name.isEmpty()) {
            Fields.object(meta, "labels").put("kubernetes.io/metadata.name", name);
        }
        ObjectNode spec = Fields.object(namespace, "spec");
        if (Fields.absent(spec, "finalizers")) {
            spec.putArray("finalizers").add("kubernetes");
        } else if (spec.get("finalizers") instanceof ArrayNode finalizers) {
            boolean has = false;
            for (JsonNode f : finalizers) {
                has |= f.asText().equals("kubernetes");
            }
            if (!has) {
                finalizers.add("kubernetes");
            }
        }
        Fields.text(Fields.object(namespace, "status"), "phase", "Active");
    }

    /**
     * {@code SetDefaults_Secret}, and the v1 → internal conversion of {@code stringData}: it is
     * write-only, each entry replaces the same key of {@code data} (base64 of its UTF-8 bytes) and
     * it is never stored.
     */
    static void secret(ObjectNode secret) {
        Fields.text(secret, "type", "Opaque");
        JsonNode stringData = secret.remove("stringData");
        if (stringData instanceof ObjectNode entries && !entries.isEmpty()) {
            ObjectNode data = Fields.object(secret, "data");
            entries.properties().forEach(e -> data.put(e.getKey(), java.util.Base64.getEncoder()
                    .encodeToString(e.getValue().asText().getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        }
    }

    /** {@code SetDefaults_PersistentVolumeClaim(Spec)}. */
    static void persistentVolumeClaim(ObjectNode claim) {
        Fields.text(Fields.object(claim, "spec"), "volumeMode", "Filesystem");
        Fields.text(Fields.object(claim, "status"), "phase", "Pending");
    }

    /** {@code SetDefaults_PersistentVolume}. */
    static void persistentVolume(ObjectNode volume) {
        ObjectNode spec = Fields.object(volume, "spec");
        Fields.text(spec, "persistentVolumeReclaimPolicy", "Retain");
        Fields.text(spec, "volumeMode", "Filesystem");
        Fields.text(Fields.object(volume, "status"), "phase", "Pending");
    }

    /** {@code SetDefaults_NodeStatus}: allocatable defaults to capacity. */
    static void node(ObjectNode node) {
        ObjectNode status = Fields.existing(node, "status");
        if (status != null && Fields.absent(status, "allocatable") && status.get("capacity") instanceof ObjectNode cap) {
            status.set("allocatable", cap.deepCopy());
        }
    }

    /** {@code SetDefaults_Endpoints}: ports default to TCP. */
    static void endpoints(ObjectNode endpoints) {
        for (ObjectNode subset : Fields.elements(endpoints, "subsets")) {
            Fields.elements(subset, "ports").forEach(p -> Fields.text(p, "protocol", "TCP"));
        }
    }

    /** {@code SetDefaults_ReplicationController}: selector and labels from the template; 1 replica. */
    static void replicationController(ObjectNode rc) {
        ObjectNode spec = Fields.object(rc, "spec");
        JsonNode labels = spec.path("template").path("metadata").path("labels");
        if (labels.isObject() && !labels.isEmpty()) {
            if (spec.path("selector").isEmpty()) {
                spec.set("selector", labels.deepCopy());
            }
            ObjectNode meta = Fields.object(rc, "metadata");
            if (meta.path("labels").isEmpty()) {
                meta.set("labels", labels.deepCopy());
            }
        }
        Fields.number(spec, "replicas", 1);
        PodSpecDefaults.applyTemplate(spec);
    }

    /** {@code SetDefaults_LimitRangeItem}: container defaults from max, default requests from defaults or min. */
    static void limitRange(ObjectNode limitRange) {
        for (ObjectNode item : Fields.elements(Fields.object(limitRange, "spec"), "limits")) {
            if (!item.path("type").asText().equals("Container")) {
                continue;
            }
            ObjectNode defaults = Fields.object(item, "default");
            ObjectNode defaultRequest = Fields.object(item, "defaultRequest");
            copyMissing(item.path("max"), defaults);
            copyMissing(defaults, defaultRequest);
            copyMissing(item.path("min"), defaultRequest);
        }
    }

    private static void copyMissing(JsonNode from, ObjectNode to) {
        from.properties().forEach(e -> {
            if (!to.has(e.getKey())) {
                to.set(e.getKey(), e.getValue().deepCopy());
            }
        });
    }
}
