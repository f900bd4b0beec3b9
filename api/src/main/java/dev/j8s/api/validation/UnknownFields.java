package dev.j8s.api.validation;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import dev.j8s.api.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Server-side field validation ({@code fieldValidation=Strict|Warn|Ignore}): fields the built-in
 * type does not have, and fields given twice, reported in kube-apiserver's words
 * ({@code unknown field "spec.foo"}, {@code duplicate field "spec.paused"}). In Strict mode the
 * server fails with {@link #strictError}; in Warn mode each message becomes a warning header.
 */
public final class UnknownFields {

    private UnknownFields() {}

    /** Unknown fields of a decoded object, in document order. */
    public static List<String> find(Class<?> modelClass, JsonNode object) {
        List<String> out = new ArrayList<>();
        walkTree(object, ModelShape.of(modelClass), "", out, false);
        return out;
    }

    /**
     * Removes the unknown fields, as decoding into the typed object does in Kubernetes when field
     * validation is Warn or Ignore, and returns what was removed.
     */
    public static List<String> prune(Class<?> modelClass, JsonNode object) {
        List<String> out = new ArrayList<>();
        walkTree(object, ModelShape.of(modelClass), "", out, true);
        return out;
    }

    /**
     * Unknown and duplicate fields of a raw JSON body, interleaved in document order as
     * kube-apiserver reports them. A field that is both unknown and repeated is reported once,
     * as unknown. With a null model class only duplicates are reported (e.g. custom resources).
     */
    public static List<String> check(Class<?> modelClass, byte[] json) {
        List<String> out = new ArrayList<>();
        try (JsonParser p = Json.MAPPER.getFactory().createParser(json)) {
            if (p.nextToken() != null) {
                walkStream(p, modelClass == null ? null : ModelShape.of(modelClass), "", out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Duplicate fields only, for bodies whose schema j8s does not know. */
    public static List<String> duplicates(byte[] json) {
        return check(null, json);
    }

    /** The Strict-mode error message: {@code strict decoding error: unknown field "spec.foo", ...}. */
    public static String strictError(List<String> problems) {
        return "strict decoding error: " + String.join(", ", problems);
    }

    private static void walkTree(JsonNode node, ModelShape shape, String path, List<String> out, boolean prune) {
        if (node == null || shape.kind == ModelShape.Kind.ANY) {
            return;
        }
        if (node.isObject() && shape.kind == ModelShape.Kind.STRUCT) {
            java.util.Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                String child = join(path, e.getKey());
                JavaType type = shape.properties.get(e.getKey());
                if (type == null) {
                    out.add(unknown(child));
                    if (prune) {
                        it.remove();
                    }
                } else {
                    walkTree(e.getValue(), ModelShape.of(type), child, out, prune);
                }
            }
        } else if (node.isObject() && shape.kind == ModelShape.Kind.MAP) {
            ModelShape element = ModelShape.of(shape.element);
            node.properties().forEach(e -> walkTree(e.getValue(), element, join(path, e.getKey()), out, prune));
        } else if (node.isArray() && shape.kind == ModelShape.Kind.LIST) {
            ModelShape element = ModelShape.of(shape.element);
            for (int i = 0; i < node.size(); i++) {
                walkTree(node.get(i), element, path + "[" + i + "]", out, prune);
            }
        }
    }

    /** Walks the value at the parser's current token; shape null = anything (duplicates only). */
    private static void walkStream(JsonParser p, ModelShape shape, String path, List<String> out) throws IOException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.START_OBJECT) {
            boolean struct = shape != null && shape.kind == ModelShape.Kind.STRUCT;
            boolean map = shape != null && shape.kind == ModelShape.Kind.MAP;
            Set<String> seen = new HashSet<>();
            Set<String> unknown = new HashSet<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                String child = join(path, name);
                p.nextToken();
                ModelShape childShape = null;
                if (struct) {
                    JavaType type = shape.properties.get(name);
                    if (type == null) {
                        if (unknown.add(name)) {
                            out.add(unknown(child));
                        }
                        p.skipChildren();
                        continue;
                    }
                    childShape = ModelShape.of(type);
                } else if (map) {
                    childShape = ModelShape.of(shape.element);
                }
                if (!seen.add(name)) {
                    out.add("duplicate field " + GoValues.quote(child));
                }
                walkStream(p, childShape, child, out);
            }
        } else if (token == JsonToken.START_ARRAY) {
            ModelShape element = shape != null && shape.kind == ModelShape.Kind.LIST ? ModelShape.of(shape.element) : null;
            int i = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                walkStream(p, element, path + "[" + i++ + "]", out);
            }
        }
    }

    private static String unknown(String path) {
        return "unknown field " + GoValues.quote(path);
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
