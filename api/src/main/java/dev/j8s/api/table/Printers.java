package dev.j8s.api.table;

import dev.j8s.api.ResourceType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The column sets of the built-in resources, keyed by "group/plural"; others get Name + Created At. */
final class Printers {

    private static final Map<String, List<Column>> BY_RESOURCE = new HashMap<>();

    static {
        CorePrinters.register(BY_RESOURCE);
        WorkloadPrinters.register(BY_RESOURCE);
        OtherPrinters.register(BY_RESOURCE);
    }

    private Printers() {}

    static List<Column> columns(ResourceType type) {
        if (type.custom() != null) {
            return CustomColumns.of(type.custom().printerColumns());
        }
        List<Column> columns = BY_RESOURCE.get(type.group() + "/" + type.plural());
        return columns != null ? columns : defaultColumns();
    }

    /** kube-apiserver's default table: the name and the creation time. */
    static List<Column> defaultColumns() {
        return List.of(Column.nameColumn(), new Column("Created At", "date", "", "CreationTimestamp is a timestamp "
                + "representing the server time when this object was created.", 0,
                (o, now) -> o.path("metadata").path("creationTimestamp").asText("")));
    }
}
