package dev.j8s.store;

/**
 * The key range {@code [prefix, end)} selected by a prefix, as etcd's {@code WithPrefix} does.
 *
 * <p>Kubernetes keys are ASCII ({@code /registry/<resource>/<namespace>/<name>}), so Java string
 * order, SQLite's BINARY collation (UTF-8 bytes) and etcd's byte order all agree on them.
 */
public record KeyPrefix(String prefix) {

    public KeyPrefix {
        prefix = prefix == null ? "" : prefix;
    }

    public static KeyPrefix of(String prefix) {
        return new KeyPrefix(prefix);
    }

    public boolean matches(String key) {
        return key.startsWith(prefix);
    }

    /**
     * The smallest key greater than every key with this prefix, or null when the range is unbounded
     * (empty prefix, or a prefix made only of {@code \uFFFF}).
     */
    public String end() {
        StringBuilder end = new StringBuilder(prefix);
        while (!end.isEmpty()) {
            int last = end.length() - 1;
            char c = end.charAt(last);
            if (c < Character.MAX_VALUE) {
                end.setCharAt(last, (char) (c + 1));
                return end.toString();
            }
            end.setLength(last);
        }
        return null;
    }
}
