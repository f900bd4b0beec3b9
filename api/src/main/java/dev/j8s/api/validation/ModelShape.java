package dev.j8s.api.validation;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import dev.j8s.api.Json;
import io.fabric8.kubernetes.api.model.FieldsV1;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import java.lang.reflect.Modifier;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a fabric8 model type accepts in JSON, from its Jackson properties: a struct with known
 * fields, a list or map of some element type, or a value that takes anything (scalars,
 * IntOrString, Quantity, free-form JsonNode/Object maps, custom-deserialized types).
 */
final class ModelShape {

    enum Kind { STRUCT, LIST, MAP, ANY }

    private static final Map<JavaType, ModelShape> CACHE = new ConcurrentHashMap<>();

    final Kind kind;
    /** STRUCT: JSON property name → type; the fabric8 additionalProperties any-setter is not a field. */
    final Map<String, JavaType> properties;
    /** LIST and MAP: the element type. */
    final JavaType element;

    private ModelShape(Kind kind, Map<String, JavaType> properties, JavaType element) {
        this.kind = kind;
        this.properties = properties;
        this.element = element;
    }

    static ModelShape of(Class<?> type) {
        return of(Json.MAPPER.constructType(type));
    }

    static ModelShape of(JavaType type) {
        ModelShape cached = CACHE.get(type);
        if (cached == null) {
            cached = compute(type);
            CACHE.put(type, cached);
        }
        return cached;
    }

    private static final ModelShape ANY = new ModelShape(Kind.ANY, Map.of(), null);

    private static ModelShape compute(JavaType type) {
        Class<?> raw = type.getRawClass();
        if (type.isCollectionLikeType() || type.isArrayType()) {
            return raw == byte[].class ? ANY : new ModelShape(Kind.LIST, Map.of(), type.getContentType());
        }
        if (type.isMapLikeType()) {
            return new ModelShape(Kind.MAP, Map.of(), type.getContentType());
        }
        if (acceptsAnything(raw)) {
            return ANY;
        }
        BeanDescription description = Json.MAPPER.getDeserializationConfig().introspect(type);
        Map<String, JavaType> props = new LinkedHashMap<>();
        for (BeanPropertyDefinition p : description.findProperties()) {
            if (p.getName().equals("additionalProperties") || p.getName().isEmpty()) {
                continue;
            }
            props.put(p.getName(), p.getPrimaryType());
        }
        return new ModelShape(Kind.STRUCT, Collections.unmodifiableMap(props), null);
    }

    private static boolean acceptsAnything(Class<?> raw) {
        if (raw.isPrimitive() || raw.isEnum() || raw == String.class || Number.class.isAssignableFrom(raw)
                || raw == Boolean.class || raw == Object.class || JsonNode.class.isAssignableFrom(raw)
                || raw == IntOrString.class || raw == Quantity.class || raw == FieldsV1.class || raw.isInterface()
                || Modifier.isAbstract(raw.getModifiers()) || raw.getName().startsWith("java.")) {
            return true;
        }
        JsonDeserialize custom = raw.getAnnotation(JsonDeserialize.class);
        return custom != null && custom.using() != JsonDeserializer.None.class;
    }
}
