package dev.j8s.api.conversion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.j8s.api.Json;

/**
 * One autoscaling/v2 metric spec or status ↔ the flat form autoscaling/v1 keeps in its round-trip
 * annotations (the v2beta1 shape: {@code targetAverageUtilization}, {@code metricName},
 * {@code currentAverageValue}, …), field for field as Kubernetes' autoscaling/v1 conversion maps them.
 */
final class AutoscalingV1Metrics {

    private AutoscalingV1Metrics() {
    }

    /** A v2 MetricSpec in the v1 annotation form. */
    static ObjectNode specToV1(JsonNode metric) {
        String type = metric.path("type").asText();
        ObjectNode out = Json.object().put("type", type);
        JsonNode target;
        ObjectNode source;
        switch (type) {
            case "Resource", "ContainerResource" -> {
                String key = type.equals("Resource") ? "resource" : "containerResource";
                JsonNode in = metric.path(key);
                source = out.putObject(key);
                copy(in, "name", source, "name");
                copy(in, "container", source, "container");
                target = in.path("target");
                copy(target, "averageUtilization", source, "targetAverageUtilization");
                copy(target, "averageValue", source, "targetAverageValue");
            }
            case "Pods" -> {
                JsonNode in = metric.path("pods");
                source = out.putObject("pods");
                copy(in.path("metric"), "name", source, "metricName");
                copy(in.path("metric"), "selector", source, "selector");
                copy(in.path("target"), "averageValue", source, "targetAverageValue");
            }
            case "Object" -> {
                JsonNode in = metric.path("object");
                source = out.putObject("object");
                copy(in, "describedObject", source, "target");
                copy(in.path("metric"), "name", source, "metricName");
                copy(in.path("metric"), "selector", source, "selector");
                copy(in.path("target"), "value", source, "targetValue");
                copy(in.path("target"), "averageValue", source, "averageValue");
            }
            case "External" -> {
                JsonNode in = metric.path("external");
                source = out.putObject("external");
                copy(in.path("metric"), "name", source, "metricName");
                copy(in.path("metric"), "selector", source, "metricSelector");
                copy(in.path("target"), "value", source, "targetValue");
                copy(in.path("target"), "averageValue", source, "targetAverageValue");
            }
            default -> {
                return metric.deepCopy() instanceof ObjectNode o ? o : out;
            }
        }
        return out;
    }

    /** A v1 annotation metric spec as a v2 MetricSpec. */
    static ObjectNode specFromV1(JsonNode metric) {
        String type = metric.path("type").asText();
        ObjectNode out = Json.object().put("type", type);
        switch (type) {
            case "Resource", "ContainerResource" -> {
                String key = type.equals("Resource") ? "resource" : "containerResource";
                JsonNode in = metric.path(key);
                ObjectNode source = out.putObject(key);
                copy(in, "name", source, "name");
                copy(in, "container", source, "container");
                ObjectNode target = source.putObject("target");
                if (in.has("targetAverageUtilization")) {
                    target.put("type", "Utilization");
                    copy(in, "targetAverageUtilization", target, "averageUtilization");
                } else {
                    target.put("type", "AverageValue");
                    copy(in, "targetAverageValue", target, "averageValue");
                }
            }
            case "Pods" -> {
                JsonNode in = metric.path("pods");
                ObjectNode source = out.putObject("pods");
                identifier(source, in, "metricName", "selector");
                ObjectNode target = source.putObject("target").put("type", "AverageValue");
                copy(in, "targetAverageValue", target, "averageValue");
            }
            case "Object" -> {
                JsonNode in = metric.path("object");
                ObjectNode source = out.putObject("object");
                copy(in, "target", source, "describedObject");
                identifier(source, in, "metricName", "selector");
                ObjectNode target = source.putObject("target");
                valueOrAverage(in, "targetValue", "averageValue", target);
            }
            case "External" -> {
                JsonNode in = metric.path("external");
                ObjectNode source = out.putObject("external");
                identifier(source, in, "metricName", "metricSelector");
                ObjectNode target = source.putObject("target");
                valueOrAverage(in, "targetValue", "targetAverageValue", target);
            }
            default -> {
                return metric.deepCopy() instanceof ObjectNode o ? o : out;
            }
        }
        return out;
    }

    /** A v2 MetricStatus in the v1 annotation form. */
    static ObjectNode statusToV1(JsonNode metric) {
        String type = metric.path("type").asText();
        ObjectNode out = Json.object().put("type", type);
        switch (type) {
            case "Resource", "ContainerResource" -> {
                String key = type.equals("Resource") ? "resource" : "containerResource";
                JsonNode in = metric.path(key);
                ObjectNode status = out.putObject(key);
                copy(in, "name", status, "name");
                copy(in, "container", status, "container");
                copy(in.path("current"), "averageUtilization", status, "currentAverageUtilization");
                copy(in.path("current"), "averageValue", status, "currentAverageValue");
            }
            case "Pods" -> {
                JsonNode in = metric.path("pods");
                ObjectNode status = out.putObject("pods");
                copy(in.path("metric"), "name", status, "metricName");
                copy(in.path("metric"), "selector", status, "selector");
                copy(in.path("current"), "averageValue", status, "currentAverageValue");
            }
            case "Object" -> {
                JsonNode in = metric.path("object");
                ObjectNode status = out.putObject("object");
                copy(in, "describedObject", status, "target");
                copy(in.path("metric"), "name", status, "metricName");
                copy(in.path("metric"), "selector", status, "selector");
                copy(in.path("current"), "value", status, "currentValue");
                copy(in.path("current"), "averageValue", status, "averageValue");
            }
            case "External" -> {
                JsonNode in = metric.path("external");
                ObjectNode status = out.putObject("external");
                copy(in.path("metric"), "name", status, "metricName");
                copy(in.path("metric"), "selector", status, "metricSelector");
                copy(in.path("current"), "value", status, "currentValue");
                copy(in.path("current"), "averageValue", status, "currentAverageValue");
            }
            default -> {
                return metric.deepCopy() instanceof ObjectNode o ? o : out;
            }
        }
        return out;
    }

    /** A v1 annotation metric status as a v2 MetricStatus. */
    static ObjectNode statusFromV1(JsonNode metric) {
        String type = metric.path("type").asText();
        ObjectNode out = Json.object().put("type", type);
        switch (type) {
            case "Resource", "ContainerResource" -> {
                String key = type.equals("Resource") ? "resource" : "containerResource";
                JsonNode in = metric.path(key);
                ObjectNode status = out.putObject(key);
                copy(in, "name", status, "name");
                copy(in, "container", status, "container");
                ObjectNode current = status.putObject("current");
                copy(in, "currentAverageUtilization", current, "averageUtilization");
                copy(in, "currentAverageValue", current, "averageValue");
            }
            case "Pods" -> {
                JsonNode in = metric.path("pods");
                ObjectNode status = out.putObject("pods");
                identifier(status, in, "metricName", "selector");
                copy(in, "currentAverageValue", status.putObject("current"), "averageValue");
            }
            case "Object" -> {
                JsonNode in = metric.path("object");
                ObjectNode status = out.putObject("object");
                copy(in, "target", status, "describedObject");
                identifier(status, in, "metricName", "selector");
                ObjectNode current = status.putObject("current");
                copy(in, "currentValue", current, "value");
                copy(in, "averageValue", current, "averageValue");
            }
            case "External" -> {
                JsonNode in = metric.path("external");
                ObjectNode status = out.putObject("external");
                identifier(status, in, "metricName", "metricSelector");
                ObjectNode current = status.putObject("current");
                copy(in, "currentValue", current, "value");
                copy(in, "currentAverageValue", current, "averageValue");
            }
            default -> {
                return metric.deepCopy() instanceof ObjectNode o ? o : out;
            }
        }
        return out;
    }

    /** v2's {@code metric: {name, selector}} from v1's flat name and selector fields. */
    private static void identifier(ObjectNode into, JsonNode v1, String nameField, String selectorField) {
        ObjectNode metric = into.putObject("metric");
        copy(v1, nameField, metric, "name");
        copy(v1, selectorField, metric, "selector");
    }

    /** A v2 target of type Value when v1 set the value, else AverageValue (Kubernetes' preference order). */
    private static void valueOrAverage(JsonNode v1, String valueField, String averageField, ObjectNode target) {
        if (v1.hasNonNull(valueField)) {
            target.put("type", "Value");
            copy(v1, valueField, target, "value");
        } else {
            target.put("type", "AverageValue");
            copy(v1, averageField, target, "averageValue");
        }
    }

    private static void copy(JsonNode from, String fromField, ObjectNode to, String toField) {
        JsonNode value = from.get(fromField);
        if (value != null && !value.isNull()) {
            to.set(toField, value.deepCopy());
        }
    }
}
