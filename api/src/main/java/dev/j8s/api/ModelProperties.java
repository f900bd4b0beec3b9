package dev.j8s.api;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JSON properties of a fabric8 model class and their types, found once per class with Jackson's
 * introspection: the Java counterpart of a Go API struct's fields, which patching and field
 * management walk alongside the object.
 */
public final class ModelProperties {

    private static final Map<Class<?>, Map<String, JavaType>> PROPERTIES = new ConcurrentHashMap<>();

    private ModelProperties() {}

    /** The declared JSON properties of {@code owner}; empty for non-bean types (strings, maps, JsonNode). */
    public static Map<String, JavaType> of(Class<?> owner) {
        return PROPERTIES.computeIfAbsent(owner, ModelProperties::introspect);
    }

    /** True when values of {@code raw} are objects with declared fields (a Go struct). */
    public static boolean isModelBean(Class<?> raw) {
        return !raw.isPrimitive() && !raw.isEnum() && !raw.isInterface() && raw != Object.class
                && !raw.getName().startsWith("java.") && !JsonNode.class.isAssignableFrom(raw);
    }

    private static Map<String, JavaType> introspect(Class<?> owner) {
        if (!isModelBean(owner)) {
            return Map.of();
        }
        Map<String, JavaType> properties = new HashMap<>();
        var config = Json.MAPPER.getSerializationConfig();
        for (BeanPropertyDefinition property : config.introspect(config.constructType(owner)).findProperties()) {
            properties.put(property.getName(), property.getPrimaryType());
        }
        return properties;
    }
}
