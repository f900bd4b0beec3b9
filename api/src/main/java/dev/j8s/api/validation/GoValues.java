package dev.j8s.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders a bad value the way kube-apiserver's field errors do: Go's {@code %q} for strings,
 * plain numbers and booleans, and Go's {@code %#v} for maps and structs (e.g.
 * {@code map[string]string{"app":"web"}}). Clients match on these texts, so they are exact where
 * the value is simple and best effort for large structs.
 */
public final class GoValues {

    /** A value already rendered in Go syntax; printed verbatim. */
    public record Literal(String text) {
        @Override
        public String toString() {
            return text;
        }
    }

    private GoValues() {}

    public static String format(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Literal l) {
            return l.text();
        }
        if (value instanceof String s) {
            return quote(s);
        }
        if (value instanceof JsonNode n) {
            return formatNode(n);
        }
        return String.valueOf(value);
    }

    /** Go's strconv.Quote for the characters API values carry. */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\x%02x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    /** {@code map[string]string{"a":"1", "b":"2"}} with sorted keys, as Go prints maps; absent = nil map. */
    public static Literal stringMap(JsonNode map) {
        if (map == null || map.isMissingNode() || map.isNull()) {
            return new Literal("map[string]string(nil)");
        }
        Map<String, String> sorted = new TreeMap<>();
        map.properties().forEach(e -> sorted.put(e.getKey(), e.getValue().asText()));
        List<String> parts = new ArrayList<>();
        sorted.forEach((k, v) -> parts.add(quote(k) + ":" + quote(v)));
        return new Literal("map[string]string{" + String.join(", ", parts) + "}");
    }

    public static Literal stringSlice(List<String> values) {
        if (values == null) {
            return new Literal("[]string(nil)");
        }
        List<String> parts = values.stream().map(GoValues::quote).toList();
        return new Literal("[]string{" + String.join(", ", parts) + "}");
    }

    /** A metav1.LabelSelector as {@code %#v} prints it. */
    public static Literal labelSelector(JsonNode selector) {
        JsonNode exprs = selector.path("matchExpressions");
        String expressions;
        if (!exprs.isArray()) {
            expressions = "[]v1.LabelSelectorRequirement(nil)";
        } else {
            List<String> parts = new ArrayList<>();
            for (JsonNode e : exprs) {
                JsonNode values = e.path("values");
                List<String> vs = null;
                if (values.isArray()) {
                    vs = new ArrayList<>();
                    for (JsonNode v : values) {
                        vs.add(v.asText());
                    }
                }
                parts.add("v1.LabelSelectorRequirement{Key:" + quote(e.path("key").asText())
                        + ", Operator:" + quote(e.path("operator").asText())
                        + ", Values:" + stringSlice(vs).text() + "}");
            }
            expressions = "[]v1.LabelSelectorRequirement{" + String.join(", ", parts) + "}";
        }
        return new Literal("v1.LabelSelector{MatchLabels:" + stringMap(selector.get("matchLabels")).text()
                + ", MatchExpressions:" + expressions + "}");
    }

    /** An intstr.IntOrString as {@code %#v} prints it (Type 0 = int, 1 = string). */
    public static Literal intOrString(JsonNode value) {
        if (value != null && value.isTextual()) {
            return new Literal("intstr.IntOrString{Type:1, IntVal:0, StrVal:" + quote(value.asText()) + "}");
        }
        int i = value == null ? 0 : value.asInt();
        return new Literal("intstr.IntOrString{Type:0, IntVal:" + i + ", StrVal:\"\"}");
    }

    private static String formatNode(JsonNode n) {
        if (n.isMissingNode() || n.isNull()) {
            return "null";
        }
        if (n.isTextual()) {
            return quote(n.asText());
        }
        if (n.isNumber() || n.isBoolean()) {
            return n.asText();
        }
        return n.toString();
    }
}
