package dev.j8s.api.selector;

import com.fasterxml.jackson.databind.JsonNode;
import dev.j8s.api.ResourceType;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which fields each built-in resource can be selected by, and their values: Kubernetes registers a
 * field-label conversion per kind (pods by {@code spec.nodeName}, secrets by {@code type}, ...);
 * every other kind allows only {@code metadata.name} and {@code metadata.namespace}.
 */
final class SelectableFields {

    private static final Map<String, Map<String, Function<JsonNode, String>>> BY_KIND = Map.of(
            "/Pod", Map.ofEntries(
                    text("metadata.name"), text("metadata.namespace"),
                    text("spec.nodeName"), text("spec.restartPolicy"), text("spec.schedulerName"),
                    text("spec.serviceAccountName"), bool("spec.hostNetwork"), text("status.phase"),
                    Map.entry("status.podIP", SelectableFields::podIP), text("status.nominatedNodeName"),
                    // old clients' name for spec.nodeName
                    Map.entry("spec.host", o -> o.path("spec").path("nodeName").asText(""))),
            "/Node", Map.ofEntries(text("metadata.name"), bool("spec.unschedulable")),
            "/Namespace", Map.ofEntries(text("metadata.name"), text("status.phase")),
            "/Secret", Map.ofEntries(text("metadata.name"), text("metadata.namespace"), text("type")),
            "/Service", Map.ofEntries(text("metadata.name"), text("metadata.namespace"), text("spec.clusterIP"),
                    text("spec.type")),
            "/ReplicationController", Map.ofEntries(text("metadata.name"), text("metadata.namespace"),
                    number("status.replicas")),
            "/Event", Map.ofEntries(text("metadata.name"), text("metadata.namespace"),
                    text("involvedObject.kind"), text("involvedObject.namespace"), text("involvedObject.name"),
                    text("involvedObject.uid"), text("involvedObject.apiVersion"),
                    text("involvedObject.resourceVersion"), text("involvedObject.fieldPath"), text("reason"),
                    text("reportingComponent"), text("type"),
                    // source.component, else the reporting controller (Kubernetes' event ToSelectableFields)
                    Map.entry("source", o -> firstNonEmpty(o.path("source").path("component").asText(""),
                            o.path("reportingComponent").asText("")))),
            // events.k8s.io/v1 selects by its own names for the same fields (its field label conversion)
            "events.k8s.io/Event", Map.ofEntries(text("metadata.name"), text("metadata.namespace"),
                    text("regarding.kind"), text("regarding.namespace"), text("regarding.name"),
                    text("regarding.uid"), text("regarding.apiVersion"), text("regarding.resourceVersion"),
                    text("regarding.fieldPath"), text("reason"), text("reportingController"), text("type")),
            "apps/ReplicaSet", Map.ofEntries(text("metadata.name"), text("metadata.namespace"),
                    number("status.replicas")),
            "batch/Job", Map.ofEntries(text("metadata.name"), text("metadata.namespace"),
                    number("status.successful")));

    private SelectableFields() {}

    static boolean supports(ResourceType type, String field) {
        Map<String, Function<JsonNode, String>> fields = BY_KIND.get(type.group() + "/" + type.kind());
        if (fields == null) {
            return field.equals("metadata.name") || field.equals("metadata.namespace");
        }
        return fields.containsKey(field);
    }

    static Optional<String> valueOf(ResourceType type, JsonNode object, String field) {
        Map<String, Function<JsonNode, String>> fields = BY_KIND.get(type.group() + "/" + type.kind());
        if (fields == null) {
            return switch (field) {
                case "metadata.name" -> Optional.of(object.path("metadata").path("name").asText(""));
                // a cluster-scoped object has namespace "" (Kubernetes' field set leaves it out)
                case "metadata.namespace" -> Optional.of(object.path("metadata").path("namespace").asText(""));
                default -> Optional.empty();
            };
        }
        Function<JsonNode, String> value = fields.get(field);
        return value == null ? Optional.empty() : Optional.of(value.apply(object));
    }

    /** Kubernetes' wording: kinds with their own field list vs the default metadata-only conversion. */
    static String unsupportedMessage(ResourceType type, String field) {
        if (BY_KIND.containsKey(type.group() + "/" + type.kind())) {
            return "field label not supported: " + field;
        }
        return "\"" + field + "\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\"";
    }

    private static String firstNonEmpty(String first, String second) {
        return first.isEmpty() ? second : first;
    }

    /** Pods report their first IP ({@code status.podIPs[0]}), falling back to {@code status.podIP}. */
    private static String podIP(JsonNode pod) {
        JsonNode ips = pod.path("status").path("podIPs");
        if (ips.isArray() && !ips.isEmpty()) {
            return ips.get(0).path("ip").asText("");
        }
        return pod.path("status").path("podIP").asText("");
    }

    private static Map.Entry<String, Function<JsonNode, String>> text(String field) {
        return Map.entry(field, o -> at(o, field).asText(""));
    }

    /** Go formats booleans as "true"/"false"; a missing bool is false. */
    private static Map.Entry<String, Function<JsonNode, String>> bool(String field) {
        return Map.entry(field, o -> String.valueOf(at(o, field).asBoolean(false)));
    }

    /** Integers print in decimal; a missing count is 0. */
    private static Map.Entry<String, Function<JsonNode, String>> number(String field) {
        return Map.entry(field, o -> String.valueOf(at(o, field).asLong(0)));
    }

    private static JsonNode at(JsonNode object, String dottedPath) {
        JsonNode node = object;
        for (String part : dottedPath.split("\\.")) {
            node = node.path(part);
        }
        return node;
    }
}
