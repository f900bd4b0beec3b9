package dev.j8s.api.table;

import static dev.j8s.api.table.ColumnListPrinter.cell;
import static dev.j8s.api.table.CommonCells.AGE;
import static dev.j8s.api.table.CommonCells.NAME;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Printers of namespace-level configuration: Namespaces, ConfigMaps, Secrets, ServiceAccounts,
 * ResourceQuotas, Leases and PriorityClasses.
 */
final class ConfigPrinters {

    private ConfigPrinters() {}

    static Printer namespaces() {
        return ColumnListPrinter.of(
                NAME,
                cell(Column.string("Status", "The status of the namespace"), o -> Tree.text(o, "status", "phase")),
                AGE);
    }

    static Printer configMaps() {
        return ColumnListPrinter.of(
                NAME,
                cell(Column.string("Data", ColumnDocs.of("core/v1.ConfigMap.data")),
                        o -> (long) (Tree.size(o, "data") + Tree.size(o, "binaryData"))),
                AGE);
    }

    static Printer secrets() {
        return ColumnListPrinter.of(
                NAME,
                cell(Column.string("Type", ColumnDocs.of("core/v1.Secret.type")), o -> Tree.text(o, "type")),
                cell(Column.string("Data", ColumnDocs.of("core/v1.Secret.data")), o -> (long) Tree.size(o, "data")),
                AGE);
    }

    static Printer serviceAccounts() {
        return ColumnListPrinter.of(
                NAME,
                cell(Column.string("Secrets", ColumnDocs.of("core/v1.ServiceAccount.secrets")),
                        o -> (long) Tree.size(o, "secrets")),
                AGE);
    }

    static Printer resourceQuotas() {
        return ColumnListPrinter.of(
                NAME,
                cell(Column.string("Request",
                        "Request represents a minimum amount of cpu/memory that a container may consume."),
                        o -> quotaUsage(o, false)),
                cell(Column.string("Limit", "Limits control the maximum amount of cpu/memory that a container may "
                        + "use independent of contention on the node."), o -> quotaUsage(o, true)),
                AGE);
    }

    static Printer leases() {
        return ColumnListPrinter.of(
                NAME,
                cell(Column.string("Holder", ColumnDocs.of("coordination/v1.LeaseSpec.holderIdentity")),
                        o -> Tree.text(o, "spec", "holderIdentity")),
                AGE);
    }

    static Printer priorityClasses() {
        return ColumnListPrinter.of(
                NAME,
                cell(Column.integer("Value", scheduling("value")), o -> Tree.integer(o, "value")),
                cell(Column.bool("Global-Default", scheduling("globalDefault")), o -> Tree.bool(o, "globalDefault")),
                AGE,
                cell(Column.string("PreemptionPolicy", scheduling("preemptionPolicy")),
                        o -> Tree.text(o, "preemptionPolicy")));
    }

    /**
     * "resource: used/hard" for every resource in status.hard, sorted by name, joined by ", ";
     * resources named "limits.*" go to the Limit column, all others to Request.
     */
    private static String quotaUsage(JsonNode quota, boolean limits) {
        Map<String, String> hard = new TreeMap<>(Tree.stringMap(quota, "status", "hard"));
        Map<String, String> used = Tree.stringMap(quota, "status", "used");
        List<String> pieces = new ArrayList<>();
        hard.forEach((resource, hardQuantity) -> {
            String[] parts = resource.split("\\.");
            boolean isLimit = parts.length > 1 && parts[0].equals("limits");
            if (isLimit == limits) {
                pieces.add(resource + ": " + used.getOrDefault(resource, "0") + "/" + hardQuantity);
            }
        });
        return String.join(", ", pieces);
    }

    private static String scheduling(String field) {
        return ColumnDocs.of("scheduling/v1.PriorityClass." + field);
    }
}
