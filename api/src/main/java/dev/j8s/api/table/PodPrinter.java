package dev.j8s.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Pods: NAME READY STATUS RESTARTS AGE, wide IP NODE NOMINATED NODE READINESS GATES. */
final class PodPrinter implements Printer {

    private static final List<Column> COLUMNS = List.of(
            CommonCells.NAME_COLUMN,
            Column.string("Ready", "The aggregate readiness state of this pod for accepting traffic."),
            Column.string("Status", "The aggregate status of the containers in this pod."),
            Column.string("Restarts", "The number of times the containers in this pod have been restarted "
                    + "and when the last container in this pod has restarted."),
            Column.string("Age", CommonCells.AGE_DOC),
            Column.string("IP", ColumnDocs.of("core/v1.PodStatus.podIP")).wide(),
            Column.string("Node", ColumnDocs.of("core/v1.PodSpec.nodeName")).wide(),
            Column.string("Nominated Node", ColumnDocs.of("core/v1.PodStatus.nominatedNodeName")).wide(),
            Column.string("Readiness Gates", ColumnDocs.of("core/v1.PodSpec.readinessGates")).wide());

    private static final List<RowCondition> SUCCEEDED = List.of(
            new RowCondition("Completed", "True", "Succeeded", "The pod has completed successfully."));
    private static final List<RowCondition> FAILED = List.of(
            new RowCondition("Completed", "True", "Failed", "The pod failed."));

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(ObjectNode pod, Instant now) {
        PodStatusSummary summary = PodStatusSummary.of(pod);
        String restarts = Long.toString(summary.restarts());
        if (summary.restarts() != 0 && summary.lastRestart().isPresent()) {
            restarts += " (" + HumanDuration.format(Duration.between(summary.lastRestart().get(), now)) + " ago)";
        }
        return List.of(
                CommonCells.name(pod),
                summary.readyContainers() + "/" + summary.totalContainers(),
                summary.reason(),
                restarts,
                Timestamps.age(pod, now),
                CommonCells.orNone(podIP(pod)),
                CommonCells.orNone(Tree.text(pod, "spec", "nodeName")),
                CommonCells.orNone(Tree.text(pod, "status", "nominatedNodeName")),
                readinessGates(pod));
    }

    @Override
    public List<RowCondition> conditions(ObjectNode pod) {
        return switch (Tree.text(pod, "status", "phase")) {
            case "Succeeded" -> SUCCEEDED;
            case "Failed" -> FAILED;
            default -> List.of();
        };
    }

    /** The first pod IP; the v1 podIP field is authoritative, as in Kubernetes' v1 to internal conversion. */
    private static String podIP(JsonNode pod) {
        String ip = Tree.text(pod, "status", "podIP");
        if (!ip.isEmpty()) {
            return ip;
        }
        List<JsonNode> ips = Tree.items(pod, "status", "podIPs");
        return ips.isEmpty() ? "" : Tree.text(ips.get(0), "ip");
    }

    /** "true/declared" over spec.readinessGates, counting the first condition of each gate's type. */
    private static String readinessGates(JsonNode pod) {
        List<JsonNode> gates = Tree.items(pod, "spec", "readinessGates");
        if (gates.isEmpty()) {
            return "<none>";
        }
        int satisfied = 0;
        for (JsonNode gate : gates) {
            String type = Tree.text(gate, "conditionType");
            for (JsonNode condition : Tree.items(pod, "status", "conditions")) {
                if (Tree.text(condition, "type").equals(type)) {
                    if (Tree.text(condition, "status").equals("True")) {
                        satisfied++;
                    }
                    break;
                }
            }
        }
        return satisfied + "/" + gates.size();
    }
}
