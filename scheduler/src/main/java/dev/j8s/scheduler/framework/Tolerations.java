package dev.j8s.scheduler.framework;

import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;
import java.util.function.Predicate;

/** Kubernetes' {@code Toleration.ToleratesTaint} and the taint lookups built on it. */
public final class Tolerations {

    private Tolerations() {
    }

    /**
     * A toleration tolerates a taint when the effects match (an empty toleration effect matches
     * all), the keys match (an empty key with Exists matches every key), and the operator holds:
     * Exists ignores the value, Equal (the default) compares it.
     */
    public static boolean tolerates(Toleration toleration, Taint taint) {
        if (!empty(toleration.getEffect()) && !toleration.getEffect().equals(taint.getEffect())) {
            return false;
        }
        if (!empty(toleration.getKey()) && !toleration.getKey().equals(taint.getKey())) {
            return false;
        }
        String operator = empty(toleration.getOperator()) ? "Equal" : toleration.getOperator();
        return switch (operator) {
            case "Exists" -> true;
            case "Equal" -> nullToEmpty(toleration.getValue()).equals(nullToEmpty(taint.getValue()));
            default -> false;
        };
    }

    public static boolean toleratedBy(Taint taint, List<Toleration> tolerations) {
        for (Toleration toleration : tolerations) {
            if (tolerates(toleration, taint)) {
                return true;
            }
        }
        return false;
    }

    /** The first taint passing {@code filter} that no toleration tolerates, or null. */
    public static Taint firstUntolerated(List<Taint> taints, List<Toleration> tolerations, Predicate<Taint> filter) {
        for (Taint taint : taints) {
            if (filter.test(taint) && !toleratedBy(taint, tolerations)) {
                return taint;
            }
        }
        return null;
    }

    private static boolean empty(String s) {
        return s == null || s.isEmpty();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
