package dev.j8s.api.table;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A printer declared as a list of columns, each with the function that computes its cell, so the
 * column definitions and the cells cannot drift apart.
 */
final class ColumnListPrinter implements Printer {

    @FunctionalInterface
    interface CellValue {
        Object of(ObjectNode object, Instant now);
    }

    record Cell(Column column, CellValue value) {}

    private final List<Cell> cells;
    private final List<Column> columns;

    private ColumnListPrinter(List<Cell> cells) {
        this.cells = List.copyOf(cells);
        this.columns = this.cells.stream().map(Cell::column).toList();
    }

    static ColumnListPrinter of(Cell... cells) {
        return new ColumnListPrinter(List.of(cells));
    }

    /** A cell computed from the object alone. */
    static Cell cell(Column column, Function<ObjectNode, Object> value) {
        return new Cell(column, (object, now) -> value.apply(object));
    }

    /** A cell that depends on the current time (ages, durations). */
    static Cell timedCell(Column column, CellValue value) {
        return new Cell(column, value);
    }

    @Override
    public List<Column> columns() {
        return columns;
    }

    @Override
    public List<Object> cells(ObjectNode object, Instant now) {
        List<Object> out = new ArrayList<>(cells.size());
        for (Cell cell : cells) {
            out.add(cell.value().of(object, now));
        }
        return out;
    }
}
