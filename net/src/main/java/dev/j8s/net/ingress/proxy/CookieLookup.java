package dev.j8s.net.ingress.proxy;

/** Finds one cookie in a {@code Cookie} header without decoding the others (canary-by-cookie reads one). */
final class CookieLookup {

    private CookieLookup() {}

    /** The value of cookie {@code name} in a {@code Cookie} header value ("a=1; b=2"), or null. */
    static String value(String header, String name) {
        if (header == null) {
            return null;
        }
        int i = 0;
        int n = header.length();
        while (i < n) {
            while (i < n && (header.charAt(i) == ' ' || header.charAt(i) == ';')) {
                i++;
            }
            int end = header.indexOf(';', i);
            if (end < 0) {
                end = n;
            }
            int eq = header.indexOf('=', i);
            if (eq > i && eq < end && eq - i == name.length() && header.regionMatches(i, name, 0, name.length())) {
                String v = header.substring(eq + 1, end).trim();
                return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
            }
            i = end + 1;
        }
        return null;
    }
}
