package dev.j8s.api.table;

import static dev.j8s.api.table.ColumnListPrinter.cell;
import static dev.j8s.api.table.CommonCells.AGE;
import static dev.j8s.api.table.CommonCells.NAME;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Printers of HorizontalPodAutoscalers (autoscaling/v2 objects) and PodDisruptionBudgets. */
final class ScalingPrinters {

    /** The TARGETS column lists this many metrics, then "+ N more...". */
    private static final int MAX_METRICS = 2;

    private ScalingPrinters() {}

    static Printer horizontalPodAutoscalers() {
        return ColumnListPrinter.of(
                NAME,
                cell(Column.string("Reference", hpa("HorizontalPodAutoscalerSpec.scaleTargetRef")),
                        o -> Tree.text(o, "spec", "scaleTargetRef", "kind") + "/"
                                + Tree.text(o, "spec", "scaleTargetRef", "name")),
                cell(Column.string("Targets", hpa("HorizontalPodAutoscalerSpec.metrics")), ScalingPrinters::targets),
                cell(Column.string("MinPods", hpa("HorizontalPodAutoscalerSpec.minReplicas")),
                        o -> Tree.has(o, "spec", "minReplicas")
                                ? Long.toString(Tree.integer(o, "spec", "minReplicas")) : "<unset>"),
                cell(Column.string("MaxPods", hpa("HorizontalPodAutoscalerSpec.maxReplicas")),
                        o -> Tree.integer(o, "spec", "maxReplicas")),
                cell(Column.string("Replicas", hpa("HorizontalPodAutoscalerStatus.currentReplicas")),
                        o -> Tree.integer(o, "status", "currentReplicas")),
                AGE);
    }

    static Printer podDisruptionBudgets() {
        return ColumnListPrinter.of(
                NAME,
                cell(Column.string("Min Available", "The minimum number of pods that must be available."),
                        o -> intOrStringOrNA(Tree.at(o, "spec", "minAvailable"))),
                cell(Column.string("Max Unavailable", "The maximum number of pods that may be unavailable."),
                        o -> intOrStringOrNA(Tree.at(o, "spec", "maxUnavailable"))),
                cell(Column.integer("Allowed Disruptions", "Calculated number of pods that may be disrupted at this time."),
                        o -> Tree.integer(o, "status", "disruptionsAllowed")),
                AGE);
    }

    private static String intOrStringOrNA(JsonNode value) {
        return value.isMissingNode() ? "N/A" : value.asText();
    }

    /**
     * The TARGETS cell: one "current/target" entry per spec.metrics item, matched by index with
     * status.currentMetrics; resource metrics are prefixed with their name ("cpu: 40%/80%").
     */
    static String targets(JsonNode hpa) {
        List<JsonNode> specs = Tree.items(hpa, "spec", "metrics");
        if (specs.isEmpty()) {
            return "<none>";
        }
        List<JsonNode> statuses = Tree.items(hpa, "status", "currentMetrics");
        List<String> entries = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            JsonNode status = i < statuses.size() ? statuses.get(i) : null;
            entries.add(metricEntry(specs.get(i), status));
        }
        if (entries.size() > MAX_METRICS) {
            return String.join(", ", entries.subList(0, MAX_METRICS)) + " + " + (entries.size() - MAX_METRICS) + " more...";
        }
        return String.join(", ", entries);
    }

    private static String metricEntry(JsonNode spec, JsonNode status) {
        return switch (Tree.text(spec, "type")) {
            case "External" -> valueOrAverage(Tree.at(spec, "external"), source(status, "external"));
            case "Object" -> valueOrAverage(Tree.at(spec, "object"), source(status, "object"));
            case "Pods" -> {
                JsonNode current = source(status, "pods");
                String value = current == null ? "<unknown>" : quantity(Tree.at(current, "current", "averageValue"));
                yield value + "/" + quantity(Tree.at(spec, "pods", "target", "averageValue"));
            }
            case "Resource" -> resourceEntry(Tree.at(spec, "resource"), source(status, "resource"));
            case "ContainerResource" ->
                    resourceEntry(Tree.at(spec, "containerResource"), source(status, "containerResource"));
            default -> "<unknown type>";
        };
    }

    /** External and Object metrics: "current/target (avg)" for an average-value target, else "current/target". */
    private static String valueOrAverage(JsonNode spec, JsonNode status) {
        JsonNode averageTarget = Tree.at(spec, "target", "averageValue");
        if (!averageTarget.isMissingNode()) {
            JsonNode current = status == null ? null : Tree.at(status, "current", "averageValue");
            String value = current == null || current.isMissingNode() ? "<unknown>" : current.asText();
            return value + "/" + averageTarget.asText() + " (avg)";
        }
        String value = status == null ? "<unknown>" : quantity(Tree.at(status, "current", "value"));
        return value + "/" + quantity(Tree.at(spec, "target", "value"));
    }

    /** Resource metrics: "name: current/target", by average value or by utilization percentage. */
    private static String resourceEntry(JsonNode spec, JsonNode status) {
        String name = Tree.text(spec, "name");
        JsonNode averageTarget = Tree.at(spec, "target", "averageValue");
        if (!averageTarget.isMissingNode()) {
            String value = status == null ? "<unknown>" : quantity(Tree.at(status, "current", "averageValue"));
            return name + ": " + value + "/" + averageTarget.asText();
        }
        JsonNode utilization = status == null ? null : Tree.at(status, "current", "averageUtilization");
        String current = utilization == null || utilization.isMissingNode() ? "<unknown>" : utilization.asLong() + "%";
        JsonNode targetUtilization = Tree.at(spec, "target", "averageUtilization");
        String target = targetUtilization.isMissingNode() ? "<auto>" : targetUtilization.asLong() + "%";
        return name + ": " + current + "/" + target;
    }

    /** The status entry's source of the given kind, or null when the status has none. */
    private static JsonNode source(JsonNode status, String field) {
        if (status == null) {
            return null;
        }
        JsonNode node = Tree.at(status, field);
        return node.isMissingNode() ? null : node;
    }

    /** A quantity as stored; Go prints a nil *Quantity as "<nil>". */
    private static String quantity(JsonNode node) {
        return node.isMissingNode() ? "<nil>" : node.asText();
    }

    private static String hpa(String typeAndField) {
        return ColumnDocs.of("autoscaling/v2beta1." + typeAndField);
    }
}
