package dev.j8s.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.j8s.api.StatusCause;
import dev.j8s.api.selector.LabelSelector;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Deployment, ReplicaSet, StatefulSet and DaemonSet validation (pkg/apis/apps/validation). */
final class WorkloadRules {

    private WorkloadRules() {}

    static void validate(String kind, JsonNode object, JsonNode old, List<StatusCause> out) {
        JsonNode spec = object.path("spec");
        replicas(spec, out);
        JsonNode selector = spec.path("selector");
        if (selector.isMissingNode() || selector.isNull()) {
            out.add(StatusCause.required("spec.selector"));
        } else if (selector.path("matchLabels").isEmpty() && selector.path("matchExpressions").isEmpty()) {
            out.add(StatusCause.invalid("spec.selector", selector.toString(), "empty selector is invalid for deployment"));
        } else if (!LabelSelector.fromLabelSelectorJson(selector).matches(labels(spec.path("template")))) {
            out.add(StatusCause.invalid("spec.template.metadata.labels", labelString(spec.path("template")),
                    "`selector` does not match template `labels`"));
        }
        if (old != null && !old.path("spec").path("selector").equals(selector)) {
            out.add(StatusCause.invalid("spec.selector", selector.toString(), "field is immutable"));
        }
        PodSpecRules.validate(spec.path("template").path("spec"), "spec.template.spec", List.of("Always"), out);
        if (kind.equals("Deployment")) {
            strategy(spec.path("strategy"), out);
            if (spec.has("revisionHistoryLimit") && spec.path("revisionHistoryLimit").asInt() < 0) {
                out.add(StatusCause.invalid("spec.revisionHistoryLimit", spec.path("revisionHistoryLimit").asInt(),
                        "must be greater than or equal to 0"));
            }
        }
    }

    static void replicas(JsonNode spec, List<StatusCause> out) {
        JsonNode replicas = spec.path("replicas");
        if (replicas.isNumber() && replicas.asLong() < 0) {
            out.add(StatusCause.invalid("spec.replicas", replicas.asLong(), "must be greater than or equal to 0"));
        }
    }

    private static void strategy(JsonNode strategy, List<StatusCause> out) {
        String type = strategy.path("type").asText("RollingUpdate");
        if (!type.equals("RollingUpdate") && !type.equals("Recreate")) {
            out.add(StatusCause.notSupported("spec.strategy.type", type, List.of("Recreate", "RollingUpdate")));
        }
        if (type.equals("Recreate") && strategy.hasNonNull("rollingUpdate")) {
            out.add(StatusCause.forbidden("spec.strategy.rollingUpdate",
                    "may not be specified when strategy `type` is 'Recreate'"));
        }
        JsonNode rolling = strategy.path("rollingUpdate");
        if (isZero(rolling.path("maxSurge")) && isZero(rolling.path("maxUnavailable"))
                && rolling.has("maxSurge") && rolling.has("maxUnavailable")) {
            out.add(StatusCause.invalid("spec.strategy.rollingUpdate.maxUnavailable", rolling.path("maxUnavailable").asText(),
                    "may not be 0 when `maxSurge` is 0"));
        }
    }

    private static boolean isZero(JsonNode v) {
        return v.isNumber() ? v.asInt() == 0 : v.asText("").equals("0%") || v.asText("").equals("0");
    }

    static Map<String, String> labels(JsonNode template) {
        Map<String, String> out = new HashMap<>();
        template.path("metadata").path("labels").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    private static String labelString(JsonNode template) {
        StringBuilder sb = new StringBuilder("map[");
        labels(template).entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> sb.append(sb.length() > 4 ? " " : "").append(e.getKey()).append(':').append(e.getValue()));
        return sb.append(']').toString();
    }
}
