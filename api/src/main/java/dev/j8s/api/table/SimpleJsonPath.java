package dev.j8s.api.table;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The JSONPath subset CRD printer columns use: dotted fields and array indexes, such as
 * {@code .spec.replicas} or {@code .status.conditions[0].type}.
 */
final class SimpleJsonPath {

    private SimpleJsonPath() {}

    static JsonNode select(JsonNode root, String path) {
        String p = path.trim();
        if (p.startsWith("{") && p.endsWith("}")) {
            p = p.substring(1, p.length() - 1);
        }
        if (p.startsWith("$")) {
            p = p.substring(1);
        }
        JsonNode node = root;
        for (String part : p.split("\\.")) {
            if (part.isEmpty()) {
                continue;
            }
            String field = part;
            int bracket = part.indexOf('[');
            if (bracket >= 0) {
                field = part.substring(0, bracket);
            }
            if (!field.isEmpty()) {
                node = node.path(field);
            }
            while (bracket >= 0) {
                int close = part.indexOf(']', bracket);
                if (close < 0) {
                    return null;
                }
                try {
                    node = node.path(Integer.parseInt(part.substring(bracket + 1, close)));
                } catch (NumberFormatException e) {
                    return null;
                }
                bracket = part.indexOf('[', close);
            }
            if (node.isMissingNode()) {
                return null;
            }
        }
        return node;
    }
}
