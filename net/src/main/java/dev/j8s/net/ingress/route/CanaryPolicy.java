package dev.j8s.net.ingress.route;

import java.util.Map;
import java.util.function.Function;
import java.util.function.IntUnaryOperator;
import java.util.regex.Pattern;

/**
 * When a request goes to a canary backend, as ingress-nginx's {@code nginx.ingress.kubernetes.io/canary-*}
 * annotations define it. The rules apply in ingress-nginx's order: by header, then by cookie, then by
 * weight. A header or cookie set to {@code always} sends the request to the canary and {@code never}
 * keeps it off; any other value (or a header that does not match {@code canary-by-header-value} or
 * {@code canary-by-header-pattern}) is ignored and the next rule decides.
 *
 * @param header the request header to look at (lower case), or null
 * @param headerValue the exact value that selects the canary, or null
 * @param headerPattern a regular expression found in the value selects the canary (ignored when a value is set), or null
 * @param cookie the cookie to look at, or null
 * @param weight requests out of {@code weightTotal} that go to the canary
 * @param weightTotal the weight's scale, 100 unless {@code canary-weight-total} says otherwise
 */
public record CanaryPolicy(String header, String headerValue, Pattern headerPattern, String cookie, int weight,
                           int weightTotal) {

    public static final String PREFIX = "nginx.ingress.kubernetes.io/";
    public static final String CANARY = PREFIX + "canary";

    /** Whether an Ingress is a canary one ({@code nginx.ingress.kubernetes.io/canary: "true"}). */
    public static boolean isCanary(Map<String, String> annotations) {
        return annotations != null && "true".equalsIgnoreCase(annotations.getOrDefault(CANARY, "").trim());
    }

    /** The policy the annotations of a canary Ingress describe; malformed numbers count as unset. */
    public static CanaryPolicy fromAnnotations(Map<String, String> annotations) {
        String header = blankToNull(annotations.get(PREFIX + "canary-by-header"));
        String value = blankToNull(annotations.get(PREFIX + "canary-by-header-value"));
        String patternText = blankToNull(annotations.get(PREFIX + "canary-by-header-pattern"));
        Pattern pattern = null;
        if (patternText != null && value == null) {
            try {
                pattern = Pattern.compile(patternText);
            } catch (RuntimeException e) {
                pattern = null; // ingress-nginx treats a pattern it cannot use as "no match"
            }
        }
        int total = parse(annotations.get(PREFIX + "canary-weight-total"), 100);
        if (total <= 0) {
            total = 100;
        }
        int weight = Math.max(0, Math.min(total, parse(annotations.get(PREFIX + "canary-weight"), 0)));
        return new CanaryPolicy(header == null ? null : header.toLowerCase(java.util.Locale.ROOT), value, pattern,
                blankToNull(annotations.get(PREFIX + "canary-by-cookie")), weight, total);
    }

    /**
     * Whether this request goes to the canary.
     *
     * @param headers the request's header value by (lower-case) name, or null when absent
     * @param cookies the request's cookie value by name, or null when absent
     * @param random {@code random.applyAsInt(n)} returns a uniform number in [0, n)
     */
    public boolean selectsCanary(Function<String, String> headers, Function<String, String> cookies,
                                 IntUnaryOperator random) {
        if (header != null) {
            String v = headers.apply(header);
            if (v != null) {
                if (headerValue != null) {
                    if (headerValue.equals(v)) {
                        return true;
                    }
                } else if (headerPattern != null) {
                    if (headerPattern.matcher(v).find()) {
                        return true;
                    }
                } else if (v.equals("always")) {
                    return true;
                } else if (v.equals("never")) {
                    return false;
                }
            }
        }
        if (cookie != null) {
            String v = cookies.apply(cookie);
            if ("always".equals(v)) {
                return true;
            }
            if ("never".equals(v)) {
                return false;
            }
        }
        return weight > 0 && random.applyAsInt(weightTotal) < weight;
    }

    private static int parse(String text, int fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
