package dev.j8s.controllers.framework;

import io.fabric8.kubernetes.api.model.IntOrString;

/** An IntOrString budget (maxSurge, maxUnavailable, …) resolved against a total. */
public final class IntOrPercent {

    private IntOrPercent() {}

    /** intstr.GetScaledValueFromIntOrPercent: a number as is, a percentage of {@code total}. */
    public static int scaled(IntOrString value, int total, boolean roundUp) {
        if (value == null) {
            return 0;
        }
        if (value.getIntVal() != null) {
            return value.getIntVal();
        }
        String s = value.getStrVal();
        if (s == null || !s.endsWith("%")) {
            throw new IllegalArgumentException("invalid value for IntOrString: invalid type: string is not a percentage");
        }
        int percent = Integer.parseInt(s.substring(0, s.length() - 1));
        long product = (long) percent * total;
        return (int) (roundUp ? Math.ceilDiv(product, 100) : Math.floorDiv(product, 100));
    }
}
