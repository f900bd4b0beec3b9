package dev.j8s.api.conversion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.j8s.api.Json;
import dev.j8s.api.StoredAs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * autoscaling/v1 HorizontalPodAutoscaler ↔ autoscaling/v2, the form HPAs are stored in (kubectl 1.32's
 * {@code autoscale} still creates v1 objects). As Kubernetes' autoscaling/v1 conversion does, v1's
 * {@code targetCPUUtilizationPercentage} is the v2 CPU Utilization metric (80% when none is given) and
 * {@code currentCPUUtilizationPercentage} its current value; everything v1 cannot express (other metrics,
 * their statuses, conditions, behavior) travels in {@code autoscaling.alpha.kubernetes.io/*} annotations so a
 * v1 read-modify-write keeps it. Those annotations never reach the stored v2 form.
 */
public final class AutoscalingV1Conversion implements StoredAs.Conversion {

    public static final StoredAs IN_V2 = new StoredAs("autoscaling", "horizontalpodautoscalers",
            new AutoscalingV1Conversion());

    static final String METRICS = "autoscaling.alpha.kubernetes.io/metrics";
    static final String CURRENT_METRICS = "autoscaling.alpha.kubernetes.io/current-metrics";
    static final String CONDITIONS = "autoscaling.alpha.kubernetes.io/conditions";
    static final String BEHAVIOR = "autoscaling.alpha.kubernetes.io/behavior";
    private static final List<String> ROUND_TRIP = List.of(METRICS, CURRENT_METRICS, CONDITIONS, BEHAVIOR);
    /** autoscaling.DefaultCPUUtilization: v1's implicit target when it sets none. */
    static final int DEFAULT_CPU_UTILIZATION = 80;

    @Override
    public ObjectNode toStorage(ObjectNode v1) {
        ObjectNode out = header("autoscaling/v2", v1);
        ObjectNode annotations = annotations(out);
        JsonNode spec = v1.path("spec");
        ObjectNode outSpec = out.putObject("spec");
        copy(spec, "scaleTargetRef", outSpec);
        copy(spec, "minReplicas", outSpec);
        copy(spec, "maxReplicas", outSpec);
        ArrayNode metrics = outSpec.putArray("metrics");
        if (spec.hasNonNull("targetCPUUtilizationPercentage")) {
            metrics.add(cpuMetric(spec.path("targetCPUUtilizationPercentage").asInt()));
        }
        for (JsonNode other : annotationArray(annotations, METRICS)) {
            metrics.add(AutoscalingV1Metrics.specFromV1(other));
        }
        if (metrics.isEmpty()) {
            metrics.add(cpuMetric(DEFAULT_CPU_UTILIZATION));
        }
        JsonNode behavior = annotationJson(annotations, BEHAVIOR);
        if (behavior != null && behavior.isObject()) {
            outSpec.set("behavior", behavior);
        }
        if (v1.has("status")) {
            JsonNode status = v1.path("status");
            ObjectNode outStatus = out.putObject("status");
            for (String field : List.of("observedGeneration", "lastScaleTime", "currentReplicas", "desiredReplicas")) {
                copy(status, field, outStatus);
            }
            ArrayNode current = Json.MAPPER.createArrayNode();
            JsonNode currentMetrics = annotationJson(annotations, CURRENT_METRICS);
            if (currentMetrics != null && currentMetrics.isArray()) {
                // The annotation holds more than currentCPUUtilizationPercentage (the raw value too).
                currentMetrics.forEach(m -> current.add(AutoscalingV1Metrics.statusFromV1(m)));
            } else if (status.hasNonNull("currentCPUUtilizationPercentage")) {
                ObjectNode cpu = current.addObject().put("type", "Resource");
                cpu.putObject("resource").put("name", "cpu").putObject("current")
                        .put("averageUtilization", status.path("currentCPUUtilizationPercentage").asInt());
            }
            if (!current.isEmpty()) {
                outStatus.set("currentMetrics", current);
            }
            JsonNode conditions = annotationJson(annotations, CONDITIONS);
            if (conditions != null && conditions.isArray()) {
                outStatus.set("conditions", conditions);
            }
        }
        ROUND_TRIP.forEach(annotations::remove);
        dropEmptyAnnotations(out);
        return out;
    }

    @Override
    public ObjectNode fromStorage(ObjectNode v2) {
        ObjectNode out = header("autoscaling/v1", v2);
        ObjectNode annotations = annotations(out);
        ROUND_TRIP.forEach(annotations::remove);
        JsonNode spec = v2.path("spec");
        ObjectNode outSpec = out.putObject("spec");
        copy(spec, "scaleTargetRef", outSpec);
        copy(spec, "minReplicas", outSpec);
        copy(spec, "maxReplicas", outSpec);
        ArrayNode others = Json.MAPPER.createArrayNode();
        for (JsonNode metric : spec.path("metrics")) {
            JsonNode utilization = cpuUtilizationTarget(metric);
            if (utilization != null && !outSpec.has("targetCPUUtilizationPercentage")) {
                outSpec.set("targetCPUUtilizationPercentage", utilization.deepCopy());
            } else {
                others.add(AutoscalingV1Metrics.specToV1(metric));
            }
        }
        if (!others.isEmpty()) {
            annotations.put(METRICS, Json.string(others));
        }
        if (spec.path("behavior").isObject()) {
            annotations.put(BEHAVIOR, Json.string(spec.path("behavior")));
        }
        if (v2.has("status")) {
            JsonNode status = v2.path("status");
            ObjectNode outStatus = out.putObject("status");
            for (String field : List.of("observedGeneration", "lastScaleTime", "currentReplicas", "desiredReplicas")) {
                copy(status, field, outStatus);
            }
            ArrayNode current = Json.MAPPER.createArrayNode();
            for (JsonNode metric : status.path("currentMetrics")) {
                current.add(AutoscalingV1Metrics.statusToV1(metric));
                JsonNode resource = metric.path("resource");
                if (metric.path("type").asText().equals("Resource") && resource.path("name").asText().equals("cpu")
                        && resource.path("current").hasNonNull("averageUtilization")) {
                    outStatus.set("currentCPUUtilizationPercentage",
                            resource.path("current").path("averageUtilization").deepCopy());
                }
            }
            if (!current.isEmpty()) {
                annotations.put(CURRENT_METRICS, Json.string(current));
            }
            if (status.path("conditions").isArray() && !status.path("conditions").isEmpty()) {
                annotations.put(CONDITIONS, Json.string(status.path("conditions")));
            }
        }
        dropEmptyAnnotations(out);
        return out;
    }

    /** apiVersion, kind and a copy of the metadata. */
    private static ObjectNode header(String apiVersion, ObjectNode from) {
        ObjectNode out = Json.object();
        out.put("apiVersion", apiVersion);
        out.put("kind", "HorizontalPodAutoscaler");
        out.set("metadata", from.path("metadata").isObject() ? from.path("metadata").deepCopy() : Json.object());
        return out;
    }

    private static ObjectNode annotations(ObjectNode object) {
        ObjectNode metadata = (ObjectNode) object.path("metadata");
        return metadata.path("annotations").isObject() ? (ObjectNode) metadata.path("annotations")
                : metadata.putObject("annotations");
    }

    private static void dropEmptyAnnotations(ObjectNode object) {
        ObjectNode metadata = (ObjectNode) object.path("metadata");
        if (metadata.path("annotations").isEmpty()) {
            metadata.remove("annotations");
        }
    }

    private static ObjectNode cpuMetric(int utilization) {
        ObjectNode metric = Json.object().put("type", "Resource");
        metric.putObject("resource").put("name", "cpu").putObject("target")
                .put("type", "Utilization").put("averageUtilization", utilization);
        return metric;
    }

    /** The averageUtilization of a CPU Resource metric with a Utilization target, else null. */
    private static JsonNode cpuUtilizationTarget(JsonNode metric) {
        JsonNode resource = metric.path("resource");
        JsonNode target = resource.path("target");
        boolean cpu = metric.path("type").asText().equals("Resource") && resource.path("name").asText().equals("cpu");
        return cpu && target.hasNonNull("averageUtilization") ? target.path("averageUtilization") : null;
    }

    /** An annotation's JSON value; an unreadable one is ignored rather than failing every read of the object. */
    private static JsonNode annotationJson(ObjectNode annotations, String key) {
        JsonNode text = annotations.get(key);
        if (text == null || !text.isTextual()) {
            return null;
        }
        try {
            return Json.parse(text.asText().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            return null;
        }
    }

    private static Iterable<JsonNode> annotationArray(ObjectNode annotations, String key) {
        JsonNode value = annotationJson(annotations, key);
        return value != null && value.isArray() ? value : List.of();
    }

    private static void copy(JsonNode from, String field, ObjectNode to) {
        JsonNode value = from.get(field);
        if (value != null && !value.isNull()) {
            to.set(field, value.deepCopy());
        }
    }
}
