package dev.j8s.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code ValidateLabelSelector} and selector matching of metav1.LabelSelector trees. */
public final class LabelSelectors {

    private LabelSelectors() {}

    public static void validate(JsonNode selector, FieldPath path, FieldErrors errs) {
        if (selector == null || selector.isMissingNode() || selector.isNull()) {
            return;
        }
        ObjectMetaRules.validateLabels(Nodes.get(selector, "matchLabels"), path.child("matchLabels"), errs);
        List<JsonNode> exprs = Nodes.items(selector, "matchExpressions");
        for (int i = 0; i < exprs.size(); i++) {
            validateRequirement(exprs.get(i), path.child("matchExpressions").index(i), errs);
        }
    }

    /** True when the selector has neither matchLabels nor matchExpressions. */
    public static boolean isEmpty(JsonNode selector) {
        return Nodes.stringMap(selector, "matchLabels").isEmpty() && Nodes.items(selector, "matchExpressions").isEmpty();
    }

    /** True when the selector converts to a labels.Selector (known operators, values where needed). */
    public static boolean isConvertible(JsonNode selector) {
        for (JsonNode e : Nodes.items(selector, "matchExpressions")) {
            String op = Nodes.text(e, "operator");
            int values = Nodes.items(e, "values").size();
            switch (op) {
                case "In", "NotIn" -> {
                    if (values == 0) {
                        return false;
                    }
                }
                case "Exists", "DoesNotExist" -> {
                    if (values > 0) {
                        return false;
                    }
                }
                default -> {
                    return false;
                }
            }
        }
        return true;
    }

    /** Whether the labels satisfy the selector; an empty selector matches everything. */
    public static boolean matches(JsonNode selector, Map<String, String> labels) {
        for (Map.Entry<String, String> e : Nodes.stringMap(selector, "matchLabels").entrySet()) {
            if (!e.getValue().equals(labels.get(e.getKey()))) {
                return false;
            }
        }
        for (JsonNode expr : Nodes.items(selector, "matchExpressions")) {
            String key = Nodes.text(expr, "key");
            List<String> values = new ArrayList<>();
            Nodes.items(expr, "values").forEach(v -> values.add(v.asText()));
            boolean has = labels.containsKey(key);
            boolean ok = switch (Nodes.text(expr, "operator")) {
                case "In" -> has && values.contains(labels.get(key));
                case "NotIn" -> !has || !values.contains(labels.get(key));
                case "Exists" -> has;
                case "DoesNotExist" -> !has;
                default -> false;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static void validateRequirement(JsonNode req, FieldPath path, FieldErrors errs) {
        String op = Nodes.text(req, "operator");
        List<JsonNode> values = Nodes.items(req, "values");
        switch (op) {
            case "In", "NotIn" -> {
                if (values.isEmpty()) {
                    errs.required(path.child("values"), "must be specified when `operator` is 'In' or 'NotIn'");
                }
            }
            case "Exists", "DoesNotExist" -> {
                if (!values.isEmpty()) {
                    errs.forbidden(path.child("values"), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'");
                }
            }
            default -> errs.invalid(path.child("operator"), op, "not a valid selector operator");
        }
        String key = Nodes.text(req, "key");
        errs.invalidEach(path.child("key"), key, NameRules.qualifiedName(key));
        for (int i = 0; i < values.size(); i++) {
            String v = values.get(i).asText();
            errs.invalidEach(path.child("values").index(i), v, NameRules.labelValue(v));
        }
    }
}
