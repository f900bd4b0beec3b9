package dev.j8s.api.selector;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One term of a label selector: a key, an operator and its values (empty for exists / does not
 * exist, one for the exact-match and numeric operators).
 */
public record Requirement(String key, Operator operator, List<String> values) {

    public Requirement {
        values = List.copyOf(values);
    }

    /**
     * Kubernetes {@code Requirement.Matches}: a missing key satisfies only {@code !=}, {@code notin}
     * and {@code !key}; {@code gt}/{@code lt} compare integers and fail on a non-integer label.
     */
    public boolean matches(Map<String, String> labels) {
        String value = labels.get(key);
        return switch (operator) {
            case EQUALS, DOUBLE_EQUALS, IN -> value != null && values.contains(value);
            case NOT_EQUALS, NOT_IN -> value == null || !values.contains(value);
            case EXISTS -> labels.containsKey(key);
            case DOES_NOT_EXIST -> !labels.containsKey(key);
            case GREATER_THAN, LESS_THAN -> value != null && compares(value);
        };
    }

    private boolean compares(String value) {
        try {
            long actual = Long.parseLong(value);
            long bound = Long.parseLong(values.get(0));
            return operator == Operator.GREATER_THAN ? actual > bound : actual < bound;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Kubernetes' validation of a requirement ({@code labels.NewRequirement}); empty when valid. */
    List<String> errors() {
        List<String> errors = new ArrayList<>();
        List<String> keyErrors = LabelSyntax.keyErrors(key);
        if (!keyErrors.isEmpty()) {
            errors.add("key: Invalid value: " + quote(key) + ": " + String.join("; ", keyErrors));
        }
        switch (operator) {
            case IN, NOT_IN -> {
                if (values.isEmpty()) {
                    errors.add("values: Invalid value: " + jsonList() + ": for 'in', 'notin' operators, values set can't be empty");
                }
            }
            case EQUALS, DOUBLE_EQUALS, NOT_EQUALS -> {
                if (values.size() != 1) {
                    errors.add("values: Invalid value: " + jsonList() + ": exact-match compatibility requires one single value");
                }
            }
            case EXISTS, DOES_NOT_EXIST -> {
                if (!values.isEmpty()) {
                    errors.add("values: Invalid value: " + jsonList() + ": values set must be empty for exists and does not exist");
                }
            }
            case GREATER_THAN, LESS_THAN -> {
                if (values.size() != 1) {
                    errors.add("values: Invalid value: " + jsonList() + ": for 'Gt', 'Lt' operators, exactly one value is required");
                }
                for (int i = 0; i < values.size(); i++) {
                    if (!isInteger(values.get(i))) {
                        errors.add("values[" + i + "]: Invalid value: " + quote(values.get(i))
                                + ": for 'Gt', 'Lt' operators, the value must be an integer");
                    }
                }
            }
        }
        for (int i = 0; i < values.size(); i++) {
            List<String> valueErrors = LabelSyntax.valueErrors(values.get(i));
            if (!valueErrors.isEmpty()) {
                errors.add("values[" + i + "][" + key + "]: Invalid value: " + quote(values.get(i)) + ": "
                        + String.join("; ", valueErrors));
            }
        }
        return errors;
    }

    /** The selector syntax for this requirement, values sorted: {@code a in (x,y)}, {@code !b}, {@code c!=d}. */
    @Override
    public String toString() {
        List<String> sorted = values.stream().sorted().toList();
        String joined = String.join(",", sorted);
        return switch (operator) {
            case EXISTS -> key;
            case DOES_NOT_EXIST -> "!" + key;
            case EQUALS -> key + "=" + joined;
            case DOUBLE_EQUALS -> key + "==" + joined;
            case NOT_EQUALS -> key + "!=" + joined;
            case IN -> key + " in (" + joined + ")";
            case NOT_IN -> key + " notin (" + joined + ")";
            case GREATER_THAN -> key + ">" + joined;
            case LESS_THAN -> key + "<" + joined;
        };
    }

    /** Go prints a bad []string value as JSON. */
    private String jsonList() {
        return values.stream().map(Requirement::quote).collect(java.util.stream.Collectors.joining(",", "[", "]"));
    }

    private static boolean isInteger(String value) {
        try {
            Long.parseLong(value);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
