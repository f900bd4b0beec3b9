package dev.j8s.api.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.j8s.api.Json;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One step of a field path, written as in {@code managedFields} FieldsV1: {@code f:<field>},
 * {@code k:<json of the key fields>} for an item of a keyed list, {@code v:<json value>} for an item of
 * a set, {@code i:<index>}. The string is the identity: key fields are serialized in name order.
 */
public final class PathElement {

    private PathElement() {}

    public static String field(String name) {
        return "f:" + name;
    }

    public static String value(JsonNode item) {
        return "v:" + Json.string(item);
    }

    public static String index(int i) {
        return "i:" + i;
    }

    /** The {@code k:} element of a keyed-list item; a missing key field takes its default or fails. */
    public static String key(JsonNode item, List<String> keys) {
        Map<String, JsonNode> sorted = new TreeMap<>();
        for (String k : keys) {
            JsonNode v = item.get(k);
            if (v == null || v.isNull()) {
                v = defaultKeyValue(k);
                if (v == null) {
                    throw new InvalidFieldsException("associative list with keys has an element that omits key field \""
                            + k + "\" (and doesn't have default value)");
                }
            }
            sorted.put(k, v);
        }
        ObjectNode key = Json.object();
        sorted.forEach(key::set);
        return "k:" + Json.string(key);
    }

    /** Kubernetes' defaulted list-map keys: {@code protocol} of ports defaults to TCP. */
    private static JsonNode defaultKeyValue(String key) {
        return key.equals("protocol") ? Json.MAPPER.getNodeFactory().textNode("TCP") : null;
    }

    /** Whether {@code item} of a list is the one {@code element} names. */
    static boolean matches(String element, JsonNode item, int index, List<String> keys) {
        return switch (element.charAt(0)) {
            case 'k' -> item.isObject() && element.equals(safeKey(item, keys));
            case 'v' -> element.equals(value(item));
            case 'i' -> element.equals(index(index));
            default -> false;
        };
    }

    private static String safeKey(JsonNode item, List<String> keys) {
        try {
            return key(item, keys);
        } catch (InvalidFieldsException e) {
            return null;
        }
    }

    /** {@code .spec.replicas}, {@code [name="web"]}, {@code [=value]}, {@code [0]} — as Kubernetes prints paths. */
    public static String describe(List<String> path) {
        StringBuilder b = new StringBuilder();
        for (String e : path) {
            String body = e.substring(2);
            switch (e.charAt(0)) {
                case 'f' -> b.append('.').append(body);
                case 'v' -> b.append("[=").append(body).append(']');
                case 'i' -> b.append('[').append(body).append(']');
                default -> {
                    b.append('[');
                    try {
                        Iterator<Map.Entry<String, JsonNode>> it = Json.parse(body.getBytes()).fields();
                        while (it.hasNext()) {
                            var entry = it.next();
                            b.append(entry.getKey()).append('=').append(Json.string(entry.getValue()));
                            if (it.hasNext()) {
                                b.append(',');
                            }
                        }
                    } catch (java.io.IOException ex) {
                        b.append(body);
                    }
                    b.append(']');
                }
            }
        }
        return b.toString();
    }

    /** structured-merge-diff's order: field names, then keys, then values, then indexes. */
    static final Comparator<String> ORDER = Comparator.comparingInt(PathElement::rank)
            .thenComparing(Comparator.naturalOrder());

    private static int rank(String element) {
        if (element.equals(".")) {
            return -1;
        }
        return switch (element.charAt(0)) {
            case 'f' -> 0;
            case 'k' -> 1;
            case 'v' -> 2;
            default -> 3;
        };
    }
}
