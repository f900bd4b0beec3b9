package dev.j8s.api.table;

import static dev.j8s.api.table.ColumnListPrinter.cell;
import static dev.j8s.api.table.CommonCells.AGE;
import static dev.j8s.api.table.CommonCells.NAME;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/**
 * Printers of cluster-wide machinery: CertificateSigningRequests, admission webhook configurations
 * and RuntimeClasses, with Kubernetes' columns (pkg/printers/internalversion).
 */
final class ClusterPrinters {

    private ClusterPrinters() {}

    static Printer certificateSigningRequests() {
        return ColumnListPrinter.of(
                NAME,
                AGE,
                cell(Column.string("SignerName", "signerName indicates the requested signer, and is a qualified "
                        + "name."), o -> CommonCells.orNone(Tree.text(o, "spec", "signerName"))),
                cell(Column.string("Requestor", "username contains the name of the user that created the "
                        + "CertificateSigningRequest."), o -> Tree.text(o, "spec", "username")),
                cell(Column.string("RequestedDuration", "expirationSeconds is the requested duration of validity "
                        + "of the issued certificate."), ClusterPrinters::requestedDuration),
                cell(Column.string("Condition", "conditions applied to the request."), ClusterPrinters::csrCondition));
    }

    static Printer webhookConfigurations() {
        return ColumnListPrinter.of(
                NAME,
                cell(Column.integer("Webhooks", "Webhooks is a list of webhooks and the affected resources and "
                        + "operations."), o -> (long) Tree.size(o, "webhooks")),
                AGE);
    }

    static Printer runtimeClasses() {
        return ColumnListPrinter.of(
                NAME,
                cell(Column.string("Handler", "handler specifies the underlying runtime and configuration that the "
                        + "CRI implementation will use to handle pods of this class."), o -> Tree.text(o, "handler")),
                AGE);
    }

    private static String requestedDuration(JsonNode csr) {
        if (!Tree.has(csr, "spec", "expirationSeconds")) {
            return "<none>";
        }
        return HumanDuration.format(Duration.ofSeconds(Tree.integer(csr, "spec", "expirationSeconds")));
    }

    /** Denied wins over Approved, else Pending; then ",Failed" and ",Issued" (Kubernetes' extractCSRStatus). */
    private static String csrCondition(JsonNode csr) {
        boolean approved = false;
        boolean denied = false;
        boolean failed = false;
        for (JsonNode condition : Tree.items(csr, "status", "conditions")) {
            switch (condition.path("type").asText()) {
                case "Approved" -> approved = true;
                case "Denied" -> denied = true;
                case "Failed" -> failed = true;
                default -> { }
            }
        }
        String status = denied ? "Denied" : approved ? "Approved" : "Pending";
        if (failed) {
            status += ",Failed";
        }
        if (!Tree.text(csr, "status", "certificate").isEmpty()) {
            status += ",Issued";
        }
        return status;
    }
}
