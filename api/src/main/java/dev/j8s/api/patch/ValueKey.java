package dev.j8s.api.patch;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Equality of JSON values as strategic merge patch compares merge keys and primitive list items:
 * 80 and 80.0 are the same port whatever Jackson node class holds them.
 */
final class ValueKey {

    private static final Object NULL = new Object();

    private ValueKey() {}

    /** A value with {@code equals}/{@code hashCode} matching JSON equality; null for a missing node. */
    static Object of(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return null;
        }
        if (node.isNull()) {
            return NULL;
        }
        if (node.isNumber()) {
            return node.decimalValue().stripTrailingZeros();
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return node;
    }

    static boolean same(JsonNode a, JsonNode b) {
        Object ka = of(a);
        return ka != null && ka.equals(of(b));
    }
}
