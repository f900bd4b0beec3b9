package dev.j8s.api.table;

import static dev.j8s.api.table.ColumnListPrinter.cell;
import static dev.j8s.api.table.ColumnListPrinter.timedCell;

import com.fasterxml.jackson.databind.JsonNode;
import dev.j8s.api.table.ColumnListPrinter.Cell;
import java.util.ArrayList;
import java.util.List;

/** Cells most printers share: NAME, AGE and the wide CONTAINERS / IMAGES / SELECTOR of workloads. */
final class CommonCells {

    static final String NAME_DOC = ColumnDocs.of("meta/v1.ObjectMeta.name");
    static final String AGE_DOC = ColumnDocs.of("meta/v1.ObjectMeta.creationTimestamp");
    static final String CONTAINERS_DOC = "Names of each container in the template.";
    static final String IMAGES_DOC = "Images referenced by each container in the template.";

    static final Column NAME_COLUMN = Column.string("Name", NAME_DOC).nameFormat();
    static final Cell NAME = cell(NAME_COLUMN, CommonCells::name);
    static final Cell AGE = timedCell(Column.string("Age", AGE_DOC), Timestamps::age);

    private CommonCells() {}

    static String name(JsonNode object) {
        return Tree.text(object, "metadata", "name");
    }

    /** Wide "Containers": the container names of the pod spec at {@code podSpecPath}, joined by ",". */
    static Cell containers(String... podSpecPath) {
        return cell(Column.string("Containers", CONTAINERS_DOC).wide(),
                o -> joinContainers(Tree.at(o, podSpecPath), "name"));
    }

    /** Wide "Images": the container images of the pod spec at {@code podSpecPath}, joined by ",". */
    static Cell images(String... podSpecPath) {
        return cell(Column.string("Images", IMAGES_DOC).wide(),
                o -> joinContainers(Tree.at(o, podSpecPath), "image"));
    }

    /** Wide "Selector": metav1.FormatLabelSelector of the label selector at {@code path}. */
    static Cell selector(String description, String... path) {
        return cell(Column.string("Selector", description).wide(), o -> LabelText.formatSelector(Tree.at(o, path)));
    }

    /** Kubernetes prints "<none>" for an empty optional value in many columns. */
    static String orNone(String value) {
        return value.isEmpty() ? "<none>" : value;
    }

    private static String joinContainers(JsonNode podSpec, String field) {
        List<String> values = new ArrayList<>();
        for (JsonNode container : Tree.items(podSpec, "containers")) {
            values.add(Tree.text(container, field));
        }
        return String.join(",", values);
    }
}
