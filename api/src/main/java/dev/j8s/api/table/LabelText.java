package dev.j8s.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Labels and label selectors rendered as Kubernetes prints them ("app=web,tier in (a,b)"). */
final class LabelText {

    private LabelText() {}

    /** labels.FormatLabels: "k=v" pairs sorted as whole strings, joined by ","; "<none>" when empty. */
    static String formatLabels(Map<String, String> labels) {
        String joined = labels.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .sorted()
                .reduce((a, b) -> a + "," + b)
                .orElse("");
        return joined.isEmpty() ? "<none>" : joined;
    }

    /** metav1.FormatLabelSelector: the selector string, "<none>" when empty or nil, "<error>" when invalid. */
    static String formatSelector(JsonNode selector) {
        return selectorString(selector).map(s -> s.isEmpty() ? "<none>" : s).orElse("<error>");
    }

    /**
     * LabelSelectorAsSelector(...).String(): requirements sorted by key; "" for a nil or empty selector;
     * empty Optional when an expression is invalid.
     */
    static Optional<String> selectorString(JsonNode selector) {
        if (selector == null || !selector.isObject()) {
            return Optional.of("");
        }
        record Requirement(String key, String text) {}
        List<Requirement> requirements = new ArrayList<>();
        Tree.stringMap(selector, "matchLabels").forEach((k, v) -> requirements.add(new Requirement(k, k + "=" + v)));
        for (JsonNode expression : Tree.items(selector, "matchExpressions")) {
            String key = Tree.text(expression, "key");
            List<String> values = new ArrayList<>();
            Tree.items(expression, "values").forEach(v -> values.add(v.asText()));
            Optional<String> text = expressionText(key, Tree.text(expression, "operator"), values);
            if (text.isEmpty()) {
                return Optional.empty();
            }
            requirements.add(new Requirement(key, text.get()));
        }
        requirements.sort(Comparator.comparing(Requirement::key));
        return Optional.of(String.join(",", requirements.stream().map(Requirement::text).toList()));
    }

    private static Optional<String> expressionText(String key, String operator, List<String> values) {
        List<String> sorted = values.stream().sorted().toList();
        return switch (operator) {
            case "In" -> values.isEmpty() ? Optional.empty()
                    : Optional.of(key + " in (" + String.join(",", sorted) + ")");
            case "NotIn" -> values.isEmpty() ? Optional.empty()
                    : Optional.of(key + " notin (" + String.join(",", sorted) + ")");
            case "Exists" -> values.isEmpty() ? Optional.of(key) : Optional.empty();
            case "DoesNotExist" -> values.isEmpty() ? Optional.of("!" + key) : Optional.empty();
            default -> Optional.empty();
        };
    }
}
