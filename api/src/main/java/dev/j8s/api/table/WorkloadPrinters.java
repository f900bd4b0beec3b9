package dev.j8s.api.table;

import static dev.j8s.api.table.ColumnListPrinter.cell;
import static dev.j8s.api.table.CommonCells.AGE;
import static dev.j8s.api.table.CommonCells.NAME;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/** Printers of the pod controllers: Deployments, ReplicaSets, ReplicationControllers, StatefulSets, DaemonSets. */
final class WorkloadPrinters {

    private static final String READY_DOC = "Number of the pod with ready state";
    private static final String[] TEMPLATE_SPEC = {"spec", "template", "spec"};

    private WorkloadPrinters() {}

    static Printer deployments() {
        return ColumnListPrinter.of(
                NAME,
                cell(Column.string("Ready", READY_DOC), o -> readyOfDesired(o)),
                cell(Column.string("Up-to-date", doc("DeploymentStatus.updatedReplicas")),
                        o -> Tree.integer(o, "status", "updatedReplicas")),
                cell(Column.string("Available", doc("DeploymentStatus.availableReplicas")),
                        o -> Tree.integer(o, "status", "availableReplicas")),
                AGE,
                CommonCells.containers(TEMPLATE_SPEC),
                CommonCells.images(TEMPLATE_SPEC),
                // The deployment printer shows the raw selector string: "" rather than "<none>" when empty.
                cell(Column.string("Selector", doc("DeploymentSpec.selector")).wide(),
                        o -> LabelText.selectorString(Tree.at(o, "spec", "selector")).orElse("<invalid>")));
    }

    static Printer replicaSets() {
        return ColumnListPrinter.of(
                NAME,
                cell(Column.integer("Desired", doc("ReplicaSetSpec.replicas")), WorkloadPrinters::desiredReplicas),
                cell(Column.integer("Current", doc("ReplicaSetStatus.replicas")),
                        o -> Tree.integer(o, "status", "replicas")),
                cell(Column.integer("Ready", doc("ReplicaSetStatus.readyReplicas")),
                        o -> Tree.integer(o, "status", "readyReplicas")),
                AGE,
                CommonCells.containers(TEMPLATE_SPEC),
                CommonCells.images(TEMPLATE_SPEC),
                CommonCells.selector(doc("ReplicaSetSpec.selector"), "spec", "selector"));
    }

    static Printer replicationControllers() {
        return ColumnListPrinter.of(
                NAME,
                cell(Column.integer("Desired", core("ReplicationControllerSpec.replicas")),
                        WorkloadPrinters::desiredReplicas),
                cell(Column.integer("Current", core("ReplicationControllerStatus.replicas")),
                        o -> Tree.integer(o, "status", "replicas")),
                cell(Column.integer("Ready", core("ReplicationControllerStatus.readyReplicas")),
                        o -> Tree.integer(o, "status", "readyReplicas")),
                AGE,
                CommonCells.containers(TEMPLATE_SPEC),
                CommonCells.images(TEMPLATE_SPEC),
                // A ReplicationController's selector is a plain label map.
                cell(Column.string("Selector", core("ReplicationControllerSpec.selector")).wide(),
                        o -> LabelText.formatLabels(Tree.stringMap(o, "spec", "selector"))));
    }

    static Printer statefulSets() {
        return ColumnListPrinter.of(
                NAME,
                cell(Column.string("Ready", READY_DOC), o -> readyOfDesired(o)),
                AGE,
                CommonCells.containers(TEMPLATE_SPEC),
                CommonCells.images(TEMPLATE_SPEC));
    }

    static Printer daemonSets() {
        return ColumnListPrinter.of(
                NAME,
                cell(Column.integer("Desired", doc("DaemonSetStatus.desiredNumberScheduled")),
                        o -> Tree.integer(o, "status", "desiredNumberScheduled")),
                cell(Column.integer("Current", doc("DaemonSetStatus.currentNumberScheduled")),
                        o -> Tree.integer(o, "status", "currentNumberScheduled")),
                cell(Column.integer("Ready", doc("DaemonSetStatus.numberReady")),
                        o -> Tree.integer(o, "status", "numberReady")),
                cell(Column.integer("Up-to-date", doc("DaemonSetStatus.updatedNumberScheduled")),
                        o -> Tree.integer(o, "status", "updatedNumberScheduled")),
                cell(Column.integer("Available", doc("DaemonSetStatus.numberAvailable")),
                        o -> Tree.integer(o, "status", "numberAvailable")),
                cell(Column.string("Node Selector", core("PodSpec.nodeSelector")),
                        o -> LabelText.formatLabels(Tree.stringMap(o, "spec", "template", "spec", "nodeSelector"))),
                AGE,
                CommonCells.containers(TEMPLATE_SPEC),
                CommonCells.images(TEMPLATE_SPEC),
                CommonCells.selector(doc("DaemonSetSpec.selector"), "spec", "selector"));
    }

    static Printer controllerRevisions() {
        return ColumnListPrinter.of(
                NAME,
                cell(Column.string("Controller", "Controller of the object"), WorkloadPrinters::controllerName),
                cell(Column.string("Revision", ColumnDocs.of("apps/v1beta1.ControllerRevision.revision")),
                        o -> Tree.integer(o, "revision")),
                AGE);
    }

    static Printer podTemplates() {
        return ColumnListPrinter.of(
                NAME,
                CommonCells.containers("template", "spec"),
                CommonCells.images("template", "spec"),
                cell(Column.string("Pod Labels", "The labels for the pod template."),
                        o -> LabelText.formatLabels(Tree.stringMap(o, "template", "metadata", "labels"))));
    }

    /** "ready/desired", desired being spec.replicas (defaulted to 1 by the API). */
    private static String readyOfDesired(JsonNode o) {
        return Tree.integer(o, "status", "readyReplicas") + "/" + desiredReplicas(o);
    }

    private static long desiredReplicas(JsonNode o) {
        return Tree.has(o, "spec", "replicas") ? Tree.integer(o, "spec", "replicas") : 1L;
    }

    /** The controlling owner as "kind.group/name" in lower case ("statefulset.apps/web"), or "<none>". */
    private static String controllerName(JsonNode o) {
        for (JsonNode owner : Tree.items(o, "metadata", "ownerReferences")) {
            if (!Tree.bool(owner, "controller")) {
                continue;
            }
            String apiVersion = Tree.text(owner, "apiVersion");
            String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
            String kind = Tree.text(owner, "kind");
            String name = Tree.text(owner, "name");
            if (kind.isEmpty() && group.isEmpty()) {
                return name;
            }
            String groupKind = group.isEmpty() ? kind : kind + "." + group;
            return groupKind.toLowerCase(Locale.ROOT) + "/" + name;
        }
        return "<none>";
    }

    private static String doc(String typeAndField) {
        return ColumnDocs.of("extensions/v1beta1." + typeAndField);
    }

    private static String core(String typeAndField) {
        return ColumnDocs.of("core/v1." + typeAndField);
    }
}
