package dev.j8s.api.table;

import static dev.j8s.api.table.ColumnListPrinter.cell;
import static dev.j8s.api.table.CommonCells.AGE;
import static dev.j8s.api.table.CommonCells.NAME;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Printers of RoleBindings and ClusterRoleBindings. Roles and ClusterRoles have no printer in
 * Kubernetes and get the default NAME / CREATED AT table.
 */
final class AccessPrinters {

    private AccessPrinters() {}

    static Printer roleBindings() {
        return bindings("RoleBinding", "roleBinding");
    }

    static Printer clusterRoleBindings() {
        return bindings("ClusterRoleBinding", "clusterRoleBinding");
    }

    private static Printer bindings(String kind, String noun) {
        return ColumnListPrinter.of(
                NAME,
                cell(Column.string("Role", ColumnDocs.of("rbac/v1beta1." + kind + ".roleRef")),
                        o -> Tree.text(o, "roleRef", "kind") + "/" + Tree.text(o, "roleRef", "name")),
                AGE,
                cell(Column.string("Users", "Users in the " + noun).wide(), o -> subjects(o, "User")),
                cell(Column.string("Groups", "Groups in the " + noun).wide(), o -> subjects(o, "Group")),
                cell(Column.string("ServiceAccounts", "ServiceAccounts in the " + noun).wide(),
                        o -> subjects(o, "ServiceAccount")));
    }

    /** Names of the subjects of one kind, joined by ", "; service accounts read "namespace/name". */
    private static String subjects(JsonNode binding, String kind) {
        List<String> names = new ArrayList<>();
        for (JsonNode subject : Tree.items(binding, "subjects")) {
            if (!Tree.text(subject, "kind").equals(kind)) {
                continue;
            }
            String name = Tree.text(subject, "name");
            names.add(kind.equals("ServiceAccount") ? Tree.text(subject, "namespace") + "/" + name : name);
        }
        return String.join(", ", names);
    }
}
