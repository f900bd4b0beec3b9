package dev.j8s.api.table;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/**
 * Turns objects of one resource into table rows, like a Kubernetes printer handler. The API server
 * always prints the wide form (kubectl hides priority-1 columns itself), so {@link #cells} returns one
 * value per column, in column order.
 */
public interface Printer {

    List<Column> columns();

    /**
     * The row's cells: {@code String}, {@code Long} or {@code Boolean} values, one per column.
     *
     * @param now the instant ages are measured against
     */
    List<Object> cells(ObjectNode object, Instant now);

    /** Row conditions (only pods have any). */
    default List<RowCondition> conditions(ObjectNode object) {
        return List.of();
    }
}
