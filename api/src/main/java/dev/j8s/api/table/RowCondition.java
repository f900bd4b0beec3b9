package dev.j8s.api.table;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.j8s.api.Json;

/**
 * A {@code TableRowCondition}: extra state of a row for humans. Kubernetes defines one type,
 * "Completed", set on pods that have run to completion so clients may de-emphasise them.
 */
public record RowCondition(String type, String status, String reason, String message) {

    ObjectNode toJson() {
        ObjectNode node = Json.object();
        node.put("type", type);
        node.put("status", status);
        if (!reason.isEmpty()) {
            node.put("reason", reason);
        }
        if (!message.isEmpty()) {
            node.put("message", message);
        }
        return node;
    }
}
