package dev.j8s.api.table;

import static dev.j8s.api.table.ColumnListPrinter.cell;

/**
 * The table of resources without a printer (Roles, LimitRanges, custom resources without printer
 * columns...): NAME and CREATED AT, the latter an RFC 3339 UTC timestamp rather than an age, as
 * produced by the API server's default table convertor.
 */
final class DefaultPrinter {

    static final Printer INSTANCE = ColumnListPrinter.of(
            CommonCells.NAME,
            cell(Column.date("Created At", CommonCells.AGE_DOC),
                    o -> Timestamps.rfc3339(Tree.at(o, "metadata", "creationTimestamp"))));

    private DefaultPrinter() {}
}
