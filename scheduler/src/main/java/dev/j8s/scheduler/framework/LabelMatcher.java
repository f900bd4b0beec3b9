package dev.j8s.scheduler.framework;

import dev.j8s.api.selector.Operator;
import dev.j8s.api.selector.Requirement;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A {@code metav1.LabelSelector} compiled once per pod (Kubernetes' {@code LabelSelectorAsSelector}):
 * a null selector matches nothing, an empty one everything.
 */
public final class LabelMatcher {

    public static final LabelMatcher NOTHING = new LabelMatcher(List.of(), true);
    public static final LabelMatcher EVERYTHING = new LabelMatcher(List.of(), false);

    private final List<Requirement> requirements;
    private final boolean nothing;

    private LabelMatcher(List<Requirement> requirements, boolean nothing) {
        this.requirements = requirements;
        this.nothing = nothing;
    }

    public static LabelMatcher of(LabelSelector selector) {
        if (selector == null) {
            return NOTHING;
        }
        List<Requirement> requirements = new ArrayList<>();
        if (selector.getMatchLabels() != null) {
            selector.getMatchLabels().forEach((k, v) -> requirements.add(new Requirement(k, Operator.EQUALS, List.of(v))));
        }
        if (selector.getMatchExpressions() != null) {
            for (LabelSelectorRequirement e : selector.getMatchExpressions()) {
                requirements.add(new Requirement(e.getKey(), operator(e.getOperator()), values(e.getValues())));
            }
        }
        return requirements.isEmpty() ? EVERYTHING : new LabelMatcher(List.copyOf(requirements), false);
    }

    /** This selector with {@code extra} requirements ANDed (a selector matching nothing stays so). */
    public LabelMatcher and(List<Requirement> extra) {
        if (nothing || extra.isEmpty()) {
            return this;
        }
        List<Requirement> all = new ArrayList<>(requirements);
        all.addAll(extra);
        return new LabelMatcher(List.copyOf(all), false);
    }

    public boolean matches(Map<String, String> labels) {
        if (nothing) {
            return false;
        }
        Map<String, String> safe = labels == null ? Map.of() : labels;
        for (Requirement requirement : requirements) {
            if (!requirement.matches(safe)) {
                return false;
            }
        }
        return true;
    }

    /** Node-selector and label-selector operators, as spelled in the API. */
    public static Operator operator(String name) {
        return switch (name) {
            case "In" -> Operator.IN;
            case "NotIn" -> Operator.NOT_IN;
            case "Exists" -> Operator.EXISTS;
            case "DoesNotExist" -> Operator.DOES_NOT_EXIST;
            case "Gt" -> Operator.GREATER_THAN;
            case "Lt" -> Operator.LESS_THAN;
            default -> throw new IllegalArgumentException("\"" + name + "\" is not a valid selector operator");
        };
    }

    public static List<String> values(List<String> values) {
        return values == null ? List.of() : values;
    }
}
