package dev.j8s.api.validation;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Finds the fields of an object that its type does not have, reported the way kube-apiserver's
 * strict decoding does ({@code unknown field "spec.template.spec.containers[0].imagee"}).
 */
public final class UnknownFields {

    private UnknownFields() {}

    public static List<String> find(Class<?> modelClass, JsonNode object) {
        List<String> out = new ArrayList<>();
        walk(modelClass, object, "", out, false);
        return out;
    }

    /**
     * Removes the unknown fields, as decoding into the typed object does in Kubernetes when field
     * validation is Warn or Ignore, and returns what was removed.
     */
    public static List<String> prune(Class<?> modelClass, JsonNode object) {
        List<String> out = new ArrayList<>();
        walk(modelClass, object, "", out, true);
        return out;
    }

    private static void walk(Class<?> type, JsonNode node, String path, List<String> out, boolean prune) {
        if (!isModel(type) || !node.isObject()) {
            return;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            String fieldPath = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
            JavaType fieldType = ModelTypes.field(type, e.getKey());
            if (fieldType == null || e.getKey().equals("additionalProperties")) {
                out.add("unknown field \"" + fieldPath + "\"");
                if (prune) {
                    fields.remove();
                }
                continue;
            }
            JsonNode value = e.getValue();
            if (fieldType.isCollectionLikeType() && value.isArray()) {
                Class<?> element = ModelTypes.valueClass(fieldType);
                for (int i = 0; i < value.size(); i++) {
                    walk(element, value.get(i), fieldPath + "[" + i + "]", out, prune);
                }
            } else if (fieldType.isMapLikeType() && value.isObject()) {
                Class<?> element = ModelTypes.valueClass(fieldType);
                value.fields().forEachRemaining(v -> walk(element, v.getValue(), fieldPath + "." + v.getKey(), out, prune));
            } else {
                walk(fieldType.getRawClass(), value, fieldPath, out, prune);
            }
        }
    }

    /** Only the API model classes have a closed set of fields; IntOrString, Quantity, maps of anything do not. */
    private static boolean isModel(Class<?> type) {
        return type != null && type.getName().startsWith("io.fabric8.kubernetes.api.model.")
                && !type.getSimpleName().equals("IntOrString") && !type.getSimpleName().equals("Quantity")
                && !type.getSimpleName().equals("RawExtension") && !type.getSimpleName().equals("FieldsV1")
                && !type.getSimpleName().equals("JSONSchemaProps") && !type.getSimpleName().equals("AnyType");
    }
}
