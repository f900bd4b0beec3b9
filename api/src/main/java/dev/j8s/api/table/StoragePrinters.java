package dev.j8s.api.table;

import static dev.j8s.api.table.ColumnListPrinter.cell;
import static dev.j8s.api.table.CommonCells.AGE;
import static dev.j8s.api.table.CommonCells.NAME;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Printers of PersistentVolumes, claims, StorageClasses, CSIDrivers, CSINodes and VolumeAttachments. */
final class StoragePrinters {

    /** The pre-GA annotation that still overrides spec.storageClassName for display. */
    private static final String BETA_CLASS_ANNOTATION = "volume.beta.kubernetes.io/storage-class";

    private StoragePrinters() {}

    static Printer persistentVolumes() {
        return ColumnListPrinter.of(
                NAME,
                cell(Column.string("Capacity", core("PersistentVolumeSpec.capacity")),
                        o -> quantity(Tree.at(o, "spec", "capacity", "storage"))),
                cell(Column.string("Access Modes", core("PersistentVolumeSpec.accessModes")),
                        o -> accessModes(Tree.items(o, "spec", "accessModes"))),
                cell(Column.string("Reclaim Policy", core("PersistentVolumeSpec.persistentVolumeReclaimPolicy")),
                        o -> Tree.text(o, "spec", "persistentVolumeReclaimPolicy")),
                cell(Column.string("Status", core("PersistentVolumeStatus.phase")), StoragePrinters::phase),
                cell(Column.string("Claim", core("PersistentVolumeSpec.claimRef")), StoragePrinters::claim),
                cell(Column.string("StorageClass", "StorageClass of the pv"), StoragePrinters::storageClass),
                cell(Column.string("VolumeAttributesClass", "VolumeAttributesClass of the pv"),
                        StoragePrinters::attributesClass),
                cell(Column.string("Reason", core("PersistentVolumeStatus.reason")), o -> Tree.text(o, "status", "reason")),
                AGE,
                cell(Column.string("VolumeMode", core("PersistentVolumeSpec.volumeMode")).wide(),
                        StoragePrinters::volumeMode));
    }

    static Printer persistentVolumeClaims() {
        return ColumnListPrinter.of(
                NAME,
                cell(Column.string("Status", core("PersistentVolumeClaimStatus.phase")), StoragePrinters::phase),
                cell(Column.string("Volume", core("PersistentVolumeClaimSpec.volumeName")),
                        o -> Tree.text(o, "spec", "volumeName")),
                // Capacity and access modes are those of the bound volume, so blank until bound.
                cell(Column.string("Capacity", core("PersistentVolumeClaimStatus.capacity")),
                        o -> bound(o) ? quantity(Tree.at(o, "status", "capacity", "storage")) : ""),
                cell(Column.string("Access Modes", core("PersistentVolumeClaimStatus.accessModes")),
                        o -> bound(o) ? accessModes(Tree.items(o, "status", "accessModes")) : ""),
                cell(Column.string("StorageClass", "StorageClass of the pvc"), StoragePrinters::storageClass),
                cell(Column.string("VolumeAttributesClass", "VolumeAttributesClass of the pvc"),
                        StoragePrinters::attributesClass),
                AGE,
                cell(Column.string("VolumeMode", core("PersistentVolumeClaimSpec.volumeMode")).wide(),
                        StoragePrinters::volumeMode));
    }

    static Printer storageClasses() {
        return ColumnListPrinter.of(
                cell(CommonCells.NAME_COLUMN, o -> isDefaultClass(o) ? CommonCells.name(o) + " (default)" : CommonCells.name(o)),
                cell(Column.string("Provisioner", storage("StorageClass.provisioner")), o -> Tree.text(o, "provisioner")),
                cell(Column.string("ReclaimPolicy", storage("StorageClass.reclaimPolicy")),
                        o -> orDefault(Tree.text(o, "reclaimPolicy"), "Delete")),
                cell(Column.string("VolumeBindingMode", storage("StorageClass.volumeBindingMode")),
                        o -> orDefault(Tree.text(o, "volumeBindingMode"), "Immediate")),
                cell(Column.string("AllowVolumeExpansion", storage("StorageClass.allowVolumeExpansion")),
                        o -> Tree.bool(o, "allowVolumeExpansion")),
                AGE);
    }

    static Printer csiDrivers() {
        return ColumnListPrinter.of(
                NAME,
                cell(Column.bool("AttachRequired", driver("attachRequired")),
                        o -> !Tree.has(o, "spec", "attachRequired") || Tree.bool(o, "spec", "attachRequired")),
                cell(Column.bool("PodInfoOnMount", driver("podInfoOnMount")), o -> Tree.bool(o, "spec", "podInfoOnMount")),
                cell(Column.bool("StorageCapacity", driver("storageCapacity")),
                        o -> Tree.bool(o, "spec", "storageCapacity")),
                cell(Column.string("TokenRequests", driver("tokenRequests")), StoragePrinters::tokenRequests),
                cell(Column.bool("RequiresRepublish", driver("requiresRepublish")),
                        o -> Tree.bool(o, "spec", "requiresRepublish")),
                cell(Column.string("Modes", driver("volumeLifecycleModes")), o -> {
                    List<String> modes = new ArrayList<>();
                    Tree.items(o, "spec", "volumeLifecycleModes").forEach(m -> modes.add(m.asText()));
                    return modes.isEmpty() ? "<none>" : String.join(",", modes);
                }),
                AGE);
    }

    static Printer csiNodes() {
        return ColumnListPrinter.of(
                NAME,
                cell(Column.integer("Drivers", "Drivers indicates the number of CSI drivers registered on the node"),
                        o -> (long) Tree.size(o, "spec", "drivers")),
                AGE);
    }

    static Printer volumeAttachments() {
        return ColumnListPrinter.of(
                NAME,
                cell(Column.string("Attacher", storage("VolumeAttachmentSpec.attacher")).nameFormat(),
                        o -> Tree.text(o, "spec", "attacher")),
                cell(Column.string("PV", storage("VolumeAttachmentSource.persistentVolumeName")),
                        o -> Tree.text(o, "spec", "source", "persistentVolumeName")),
                cell(Column.string("Node", storage("VolumeAttachmentSpec.nodeName")), o -> Tree.text(o, "spec", "nodeName")),
                cell(Column.bool("Attached", storage("VolumeAttachmentStatus.attached")),
                        o -> Tree.bool(o, "status", "attached")),
                AGE);
    }

    /** Access modes abbreviated in a fixed order (RWO, ROX, RWX, RWOP), duplicates dropped. */
    static String accessModes(List<JsonNode> modes) {
        Set<String> present = new HashSet<>();
        modes.forEach(m -> present.add(m.asText()));
        List<String> out = new ArrayList<>();
        if (present.contains("ReadWriteOnce")) {
            out.add("RWO");
        }
        if (present.contains("ReadOnlyMany")) {
            out.add("ROX");
        }
        if (present.contains("ReadWriteMany")) {
            out.add("RWX");
        }
        if (present.contains("ReadWriteOncePod")) {
            out.add("RWOP");
        }
        return String.join(",", out);
    }

    private static String phase(JsonNode o) {
        return Tree.has(o, "metadata", "deletionTimestamp") ? "Terminating" : Tree.text(o, "status", "phase");
    }

    private static String claim(JsonNode pv) {
        JsonNode ref = Tree.at(pv, "spec", "claimRef");
        return ref.isMissingNode() ? "" : Tree.text(ref, "namespace") + "/" + Tree.text(ref, "name");
    }

    /** The beta storage-class annotation wins over spec.storageClassName. */
    private static String storageClass(JsonNode o) {
        JsonNode annotation = Tree.at(o, "metadata", "annotations", BETA_CLASS_ANNOTATION);
        return annotation.isMissingNode() ? Tree.text(o, "spec", "storageClassName") : annotation.asText();
    }

    private static String attributesClass(JsonNode o) {
        return Tree.has(o, "spec", "volumeAttributesClassName")
                ? Tree.text(o, "spec", "volumeAttributesClassName") : "<unset>";
    }

    private static String volumeMode(JsonNode o) {
        return Tree.has(o, "spec", "volumeMode") ? Tree.text(o, "spec", "volumeMode") : "<unset>";
    }

    private static boolean bound(JsonNode pvc) {
        return !Tree.text(pvc, "spec", "volumeName").isEmpty();
    }

    private static boolean isDefaultClass(JsonNode sc) {
        return Tree.text(sc, "metadata", "annotations", "storageclass.kubernetes.io/is-default-class").equals("true")
                || Tree.text(sc, "metadata", "annotations", "storageclass.beta.kubernetes.io/is-default-class")
                        .equals("true");
    }

    private static String tokenRequests(JsonNode driver) {
        if (!Tree.has(driver, "spec", "tokenRequests")) {
            return "<unset>";
        }
        List<String> audiences = new ArrayList<>();
        Tree.items(driver, "spec", "tokenRequests").forEach(t -> audiences.add(Tree.text(t, "audience")));
        return String.join(",", audiences);
    }

    /** A quantity as stored; an absent one is the zero quantity, printed "0". */
    private static String quantity(JsonNode node) {
        return node.isMissingNode() ? "0" : node.asText();
    }

    private static String orDefault(String value, String fallback) {
        return value.isEmpty() ? fallback : value;
    }

    private static String core(String typeAndField) {
        return ColumnDocs.of("core/v1." + typeAndField);
    }

    private static String storage(String typeAndField) {
        return ColumnDocs.of("storage/v1." + typeAndField);
    }

    private static String driver(String field) {
        return ColumnDocs.of("storage/v1.CSIDriverSpec." + field);
    }
}
