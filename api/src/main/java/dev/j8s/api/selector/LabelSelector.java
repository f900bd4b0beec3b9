package dev.j8s.api.selector;

import com.fasterxml.jackson.databind.JsonNode;
import dev.j8s.api.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A label selector in the Kubernetes string syntax ({@code a=b,c!=d,e in (x,y),!f,g,h>3}),
 * or built from a {@code metav1.LabelSelector}. All requirements must hold (AND).
 */
public final class LabelSelector {

    enum Op { EQUALS, NOT_EQUALS, IN, NOT_IN, EXISTS, DOES_NOT_EXIST, GREATER_THAN, LESS_THAN }

    record Requirement(String key, Op op, Set<String> values) {
        boolean matches(Map<String, String> labels) {
            String v = labels.get(key);
            return switch (op) {
                case EQUALS, IN -> v != null && values.contains(v);
                case NOT_EQUALS, NOT_IN -> v == null || !values.contains(v);
                case EXISTS -> v != null;
                case DOES_NOT_EXIST -> v == null;
                case GREATER_THAN, LESS_THAN -> v != null && compare(v, values.iterator().next(), op);
            };
        }

        private static boolean compare(String actual, String bound, Op op) {
            try {
                long a = Long.parseLong(actual);
                long b = Long.parseLong(bound);
                return op == Op.GREATER_THAN ? a > b : a < b;
            } catch (NumberFormatException e) {
                return false;
            }
        }
    }

    private final List<Requirement> requirements;

    private LabelSelector(List<Requirement> requirements) {
        this.requirements = List.copyOf(requirements);
    }

    public static LabelSelector parse(String selector) {
        return new LabelSelector(new LabelSelectorParser(selector).parse());
    }

    /** From a {@code metav1.LabelSelector} object ({@code matchLabels}, {@code matchExpressions}). */
    public static LabelSelector fromLabelSelectorJson(JsonNode selector) {
        List<Requirement> reqs = new ArrayList<>();
        selector.path("matchLabels").fields().forEachRemaining(e ->
                reqs.add(new Requirement(e.getKey(), Op.EQUALS, Set.of(e.getValue().asText()))));
        for (JsonNode expr : selector.path("matchExpressions")) {
            Set<String> values = new TreeSet<>();
            expr.path("values").forEach(v -> values.add(v.asText()));
            Op op = switch (expr.path("operator").asText()) {
                case "In" -> Op.IN;
                case "NotIn" -> Op.NOT_IN;
                case "Exists" -> Op.EXISTS;
                case "DoesNotExist" -> Op.DOES_NOT_EXIST;
                default -> throw ApiException.badRequest("\"" + expr.path("operator").asText()
                        + "\" is not a valid label selector operator");
            };
            reqs.add(new Requirement(expr.path("key").asText(), op, values));
        }
        return new LabelSelector(reqs);
    }

    public boolean matches(Map<String, String> labels) {
        for (Requirement r : requirements) {
            if (!r.matches(labels)) {
                return false;
            }
        }
        return true;
    }

    public boolean isEmpty() {
        return requirements.isEmpty();
    }

    List<Requirement> requirements() {
        return requirements;
    }
}
