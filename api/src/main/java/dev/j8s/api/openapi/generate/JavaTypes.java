package dev.j8s.api.openapi.generate;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.j8s.api.openapi.ApiGroupPackages;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a client-java field type back into the OpenAPI schema it was generated from. References are
 * written as {@code {"$ref": "<definition name>"}}; the served documents turn them into JSON pointers.
 */
final class JavaTypes {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_]\\w*");

    private JavaTypes() {}

    /** Every identifier in a type expression that may name a model class. */
    static List<String> modelClasses(String javaType) {
        List<String> out = new ArrayList<>();
        Matcher m = IDENTIFIER.matcher(javaType);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    /**
     * @param javaType     the declared Java type, e.g. "Map<String, Quantity>"
     * @param protoType    the proto field type when known (refines "Object" and "OffsetDateTime"), or null
     * @param modelToName  model class name → definition name
     */
    static ObjectNode schema(String javaType, String protoType, Function<String, Optional<String>> modelToName) {
        String t = javaType.trim();
        if (t.startsWith("List<")) {
            ObjectNode array = JSON.objectNode().put("type", "array");
            array.set("items", schema(inner(t), protoType, modelToName));
            return array;
        }
        if (t.startsWith("Map<")) {
            String value = inner(t);
            value = value.substring(value.indexOf(',') + 1);
            ObjectNode map = JSON.objectNode().put("type", "object");
            map.set("additionalProperties", schema(value, mapValueProtoType(protoType), modelToName));
            return map;
        }
        return switch (t) {
            case "String" -> JSON.objectNode().put("type", "string");
            case "Integer" -> JSON.objectNode().put("type", "integer").put("format", "int32");
            case "Long" -> JSON.objectNode().put("type", "integer").put("format", "int64");
            case "Double" -> JSON.objectNode().put("type", "number").put("format", "double");
            case "Float" -> JSON.objectNode().put("type", "number").put("format", "float");
            case "Boolean" -> JSON.objectNode().put("type", "boolean");
            case "byte[]" -> JSON.objectNode().put("type", "string").put("format", "byte");
            case "Quantity" -> ref(ApiGroupPackages.QUANTITY);
            case "IntOrString" -> ref(ApiGroupPackages.INT_OR_STRING);
            case "OffsetDateTime" -> ref(protoType != null && protoType.endsWith(".MicroTime")
                    ? ApiGroupPackages.MICRO_TIME : ApiGroupPackages.TIME);
            case "Object" -> opaque(protoType);
            default -> modelToName.apply(t).map(JavaTypes::ref)
                    .orElseGet(() -> JSON.objectNode().put("type", "object"));
        };
    }

    /** Untyped fields: RawExtension and FieldsV1 keep their names; anything else is free-form. */
    private static ObjectNode opaque(String protoType) {
        if (protoType != null && protoType.endsWith("runtime.RawExtension")) {
            return ref(ApiGroupPackages.RAW_EXTENSION);
        }
        if (protoType != null && protoType.endsWith("meta.v1.FieldsV1")) {
            return ref(ApiGroupPackages.FIELDS_V1);
        }
        return JSON.objectNode().put("type", "object").put("x-kubernetes-preserve-unknown-fields", true);
    }

    static ObjectNode ref(String definitionName) {
        return JSON.objectNode().put("$ref", definitionName);
    }

    private static String inner(String generic) {
        return generic.substring(generic.indexOf('<') + 1, generic.lastIndexOf('>'));
    }

    private static String mapValueProtoType(String protoType) {
        if (protoType == null || !protoType.startsWith("map<")) {
            return null;
        }
        return protoType.substring(protoType.indexOf(',') + 1, protoType.lastIndexOf('>')).trim();
    }
}
