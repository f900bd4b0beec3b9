package dev.j8s.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import dev.j8s.api.selector.LabelSelector;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Cell formatting shared by the printers, as Kubernetes' printers format these values. */
final class Cells {

    static final String NONE = "<none>";

    private Cells() {}

    static String text(JsonNode node, String orElse) {
        return node == null || node.isMissingNode() || node.isNull() || node.asText().isEmpty() ? orElse : node.asText();
    }

    static long number(JsonNode node) {
        return node == null ? 0 : node.asLong(0);
    }

    static String joined(List<String> values) {
        return values.isEmpty() ? NONE : String.join(",", values);
    }

    /** "app=web,tier=fe" from a map of labels, or "<none>". */
    static String labelMap(JsonNode map) {
        List<String> parts = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = map.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            parts.add(e.getKey() + "=" + e.getValue().asText());
        }
        return joined(parts);
    }

    /** metav1.LabelSelector → "app=web,tier in (a,b)", or "<none>". */
    static String selector(JsonNode selector) {
        if (selector == null || !selector.isObject()) {
            return NONE;
        }
        String text = LabelSelector.fromLabelSelectorJson(selector).toString();
        return text.isEmpty() ? NONE : text;
    }

    static List<String> each(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        for (JsonNode item : array) {
            out.add(item.path(field).asText(""));
        }
        return out;
    }

    /** "80/TCP,443:30443/TCP" from Service ports. */
    static String servicePorts(JsonNode ports) {
        List<String> out = new ArrayList<>();
        for (JsonNode p : ports) {
            String port = p.path("port").asText();
            if (p.has("nodePort") && p.path("nodePort").asInt() != 0) {
                port += ":" + p.path("nodePort").asText();
            }
            out.add(port + "/" + p.path("protocol").asText("TCP"));
        }
        return joined(out);
    }

    static int countFields(JsonNode... maps) {
        int n = 0;
        for (JsonNode m : maps) {
            if (m != null && m.isObject()) {
                n += m.size();
            }
        }
        return n;
    }
}
