package dev.j8s.api.selector;

import com.fasterxml.jackson.databind.JsonNode;
import dev.j8s.api.ApiException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A Kubernetes label selector: requirements that must all hold. Parsed from the
 * {@code labelSelector} query parameter or built from a {@code metav1.LabelSelector} object.
 */
public final class LabelSelector {

    private static final LabelSelector EVERYTHING = new LabelSelector(List.of(), false);
    private static final LabelSelector NOTHING = new LabelSelector(List.of(), true);

    private final List<Requirement> requirements;
    private final boolean matchesNothing;

    private LabelSelector(List<Requirement> requirements, boolean matchesNothing) {
        // sorted by key, as Kubernetes does, so equal selectors print the same
        this.requirements = requirements.stream().sorted(Comparator.comparing(Requirement::key)).toList();
        this.matchesNothing = matchesNothing;
    }

    public static LabelSelector everything() {
        return EVERYTHING;
    }

    public static LabelSelector nothing() {
        return NOTHING;
    }

    /** Parses {@code labels.Parse} syntax; null or blank selects everything. Bad syntax is a 400. */
    public static LabelSelector parse(String s) {
        if (s == null) {
            return EVERYTHING;
        }
        return new LabelSelector(LabelSelectorParser.parse(s), false);
    }

    /**
     * A {@code metav1.LabelSelector} ({@code matchLabels}, {@code matchExpressions} with In, NotIn,
     * Exists, DoesNotExist), as {@code LabelSelectorAsSelector}: a missing or null selector matches
     * nothing, an empty one everything.
     */
    public static LabelSelector fromLabelSelectorJson(JsonNode selector) {
        if (selector == null || selector.isNull() || selector.isMissingNode()) {
            return NOTHING;
        }
        List<Requirement> requirements = new ArrayList<>();
        for (Map.Entry<String, JsonNode> label : selector.path("matchLabels").properties()) {
            requirements.add(valid(new Requirement(label.getKey(), Operator.EQUALS, List.of(label.getValue().asText()))));
        }
        for (JsonNode expression : selector.path("matchExpressions")) {
            List<String> values = new ArrayList<>();
            expression.path("values").forEach(v -> values.add(v.asText()));
            String operator = expression.path("operator").asText();
            Operator op = switch (operator) {
                case "In" -> Operator.IN;
                case "NotIn" -> Operator.NOT_IN;
                case "Exists" -> Operator.EXISTS;
                case "DoesNotExist" -> Operator.DOES_NOT_EXIST;
                default -> throw ApiException.badRequest("\"" + operator + "\" is not a valid label selector operator");
            };
            requirements.add(valid(new Requirement(expression.path("key").asText(), op, values)));
        }
        return requirements.isEmpty() ? EVERYTHING : new LabelSelector(requirements, false);
    }

    public boolean matches(Map<String, String> labels) {
        if (matchesNothing) {
            return false;
        }
        for (Requirement requirement : requirements) {
            if (!requirement.matches(labels)) {
                return false;
            }
        }
        return true;
    }

    /** True when the selector selects everything (no requirements). */
    public boolean isEmpty() {
        return !matchesNothing && requirements.isEmpty();
    }

    public boolean matchesNothing() {
        return matchesNothing;
    }

    public List<Requirement> requirements() {
        return requirements;
    }

    /** The value a matching object must have for {@code key} ({@code key=v}, {@code key==v}, {@code key in (v)}), if any. */
    public Optional<String> requiresExactMatch(String key) {
        for (Requirement r : requirements) {
            if (r.key().equals(key) && r.values().size() == 1 && (r.operator() == Operator.EQUALS
                    || r.operator() == Operator.DOUBLE_EQUALS || r.operator() == Operator.IN)) {
                return Optional.of(r.values().get(0));
            }
        }
        return Optional.empty();
    }

    /** The selector in query-parameter syntax, requirements sorted by key. */
    @Override
    public String toString() {
        return requirements.stream().map(Requirement::toString).collect(Collectors.joining(","));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LabelSelector other && other.matchesNothing == matchesNothing
                && other.toString().equals(toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode() + (matchesNothing ? 1 : 0);
    }

    private static Requirement valid(Requirement requirement) {
        List<String> errors = requirement.errors();
        if (!errors.isEmpty()) {
            throw ApiException.badRequest(errors.size() == 1 ? errors.get(0) : "[" + String.join(", ", errors) + "]");
        }
        return requirement;
    }
}
