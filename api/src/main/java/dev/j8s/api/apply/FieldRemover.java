package dev.j8s.api.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** Removes the member paths of a field set from an object: what an applier stopped applying. */
final class FieldRemover {

    private FieldRemover() {}

    static void remove(JsonNode value, FieldSet set, FieldSchema schema) {
        for (Map.Entry<String, FieldSet> e : set.children().entrySet()) {
            String element = e.getKey();
            FieldSet below = e.getValue();
            if (element.startsWith("f:") && value instanceof ObjectNode object) {
                String name = element.substring(2);
                if (below.isMember()) {
                    object.remove(name);
                } else if (object.has(name)) {
                    remove(object.get(name), below, schema.field(name));
                }
            } else if (value instanceof ArrayNode list) {
                for (int i = 0; i < list.size(); i++) {
                    if (PathElement.matches(element, list.get(i), i, schema.keys())) {
                        if (below.isMember()) {
                            list.remove(i);
                        } else {
                            remove(list.get(i), below, schema.element());
                        }
                        break;
                    }
                }
            }
        }
    }
}
