package dev.j8s.store;

import java.util.List;

/**
 * A page of a list. {@code revision} is the store revision the page was read at;
 * {@code remaining} counts the keys under the prefix after the last returned one (0 = done).
 */
public record ListResult(List<KeyValue> items, long revision, long remaining) {
    public boolean hasMore() {
        return remaining > 0;
    }
}
