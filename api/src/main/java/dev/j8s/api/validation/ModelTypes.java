package dev.j8s.api.validation;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import dev.j8s.api.Json;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The Java types of fields of the fabric8 model classes, by JSON name, for walking object trees. */
final class ModelTypes {

    private static final Map<Class<?>, Map<String, JavaType>> CACHE = new ConcurrentHashMap<>();

    private ModelTypes() {}

    /** The declared type of {@code owner}'s JSON field, or null if unknown. */
    static JavaType field(Class<?> owner, String jsonField) {
        if (owner == null) {
            return null;
        }
        return CACHE.computeIfAbsent(owner, ModelTypes::properties).get(jsonField);
    }

    private static Map<String, JavaType> properties(Class<?> type) {
        Map<String, JavaType> out = new HashMap<>();
        JavaType javaType = Json.MAPPER.constructType(type);
        BeanDescription description = Json.MAPPER.getDeserializationConfig().introspect(javaType);
        for (BeanPropertyDefinition p : description.findProperties()) {
            if (p.getPrimaryType() != null) {
                out.put(p.getName(), p.getPrimaryType());
            }
        }
        return out;
    }

    /** The class whose fields describe the value (element type for lists and maps). */
    static Class<?> valueClass(JavaType type) {
        if (type == null) {
            return null;
        }
        if (type.isCollectionLikeType() || type.isMapLikeType()) {
            JavaType content = type.getContentType();
            return content == null ? null : content.getRawClass();
        }
        return type.getRawClass();
    }

    static boolean isMap(JavaType type) {
        return type != null && type.isMapLikeType();
    }
}
