package dev.j8s.api.table;

import static dev.j8s.api.table.ColumnListPrinter.cell;
import static dev.j8s.api.table.CommonCells.AGE;
import static dev.j8s.api.table.CommonCells.NAME;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** Nodes: NAME STATUS ROLES AGE VERSION, wide INTERNAL-IP EXTERNAL-IP OS-IMAGE KERNEL-VERSION CONTAINER-RUNTIME. */
final class NodePrinter {

    private static final String ROLE_LABEL_PREFIX = "node-role.kubernetes.io/";
    private static final String LEGACY_ROLE_LABEL = "kubernetes.io/role";

    private NodePrinter() {}

    static Printer create() {
        return ColumnListPrinter.of(
                NAME,
                cell(Column.string("Status", "The status of the node"), NodePrinter::status),
                cell(Column.string("Roles", "The roles of the node"), NodePrinter::roles),
                AGE,
                cell(Column.string("Version", info("kubeletVersion")),
                        o -> Tree.text(o, "status", "nodeInfo", "kubeletVersion")),
                cell(Column.string("Internal-IP", ColumnDocs.of("core/v1.NodeStatus.addresses")).wide(),
                        o -> address(o, "InternalIP")),
                cell(Column.string("External-IP", ColumnDocs.of("core/v1.NodeStatus.addresses")).wide(),
                        o -> address(o, "ExternalIP")),
                cell(Column.string("OS-Image", info("osImage")).wide(), o -> nodeInfo(o, "osImage")),
                cell(Column.string("Kernel-Version", info("kernelVersion")).wide(), o -> nodeInfo(o, "kernelVersion")),
                cell(Column.string("Container-Runtime", info("containerRuntimeVersion")).wide(),
                        o -> nodeInfo(o, "containerRuntimeVersion")));
    }

    /** "Ready" / "NotReady" from the (last) Ready condition, else "Unknown"; plus ",SchedulingDisabled" when cordoned. */
    static String status(JsonNode node) {
        JsonNode ready = null;
        for (JsonNode condition : Tree.items(node, "status", "conditions")) {
            if (Tree.text(condition, "type").equals("Ready")) {
                ready = condition;
            }
        }
        List<String> status = new ArrayList<>();
        if (ready == null) {
            status.add("Unknown");
        } else {
            status.add(Tree.text(ready, "status").equals("True") ? "Ready" : "NotReady");
        }
        if (Tree.bool(node, "spec", "unschedulable")) {
            status.add("SchedulingDisabled");
        }
        return String.join(",", status);
    }

    /** Roles from node-role.kubernetes.io/&lt;role&gt; labels and the legacy kubernetes.io/role label, sorted. */
    static String roles(JsonNode node) {
        TreeSet<String> roles = new TreeSet<>();
        Tree.stringMap(node, "metadata", "labels").forEach((key, value) -> {
            if (key.startsWith(ROLE_LABEL_PREFIX)) {
                String role = key.substring(ROLE_LABEL_PREFIX.length());
                if (!role.isEmpty()) {
                    roles.add(role);
                }
            } else if (key.equals(LEGACY_ROLE_LABEL) && !value.isEmpty()) {
                roles.add(value);
            }
        });
        return roles.isEmpty() ? "<none>" : String.join(",", roles);
    }

    private static String address(JsonNode node, String type) {
        for (JsonNode address : Tree.items(node, "status", "addresses")) {
            if (Tree.text(address, "type").equals(type)) {
                return Tree.text(address, "address");
            }
        }
        return "<none>";
    }

    private static String nodeInfo(JsonNode node, String field) {
        String value = Tree.text(node, "status", "nodeInfo", field);
        return value.isEmpty() ? "<unknown>" : value;
    }

    private static String info(String field) {
        return ColumnDocs.of("core/v1.NodeSystemInfo." + field);
    }
}
