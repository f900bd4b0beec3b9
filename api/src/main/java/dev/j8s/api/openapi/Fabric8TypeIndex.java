package dev.j8s.api.openapi;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Pairs Kubernetes definitions with the fabric8 model classes that hold the same data, so patch
 * metadata (declared per fabric8 class and JSON field) can be published on the definitions. The
 * pairing follows the fields of both from each served kind: if {@code DeploymentSpec.template} refers
 * to {@code io.k8s.api.core.v1.PodTemplateSpec} and fabric8's {@code DeploymentSpec.template} is a
 * {@code PodTemplateSpec}, those two belong together.
 */
final class Fabric8TypeIndex {

    private final Map<String, Class<?>> classByDefinition = new HashMap<>();

    private Fabric8TypeIndex() {}

    /** @param roots definition name → fabric8 model class of each served kind */
    static Fabric8TypeIndex build(KubernetesDefinitions definitions, Map<String, Class<?>> roots) {
        Fabric8TypeIndex index = new Fabric8TypeIndex();
        Deque<String> queue = new ArrayDeque<>();
        roots.forEach((name, cls) -> {
            if (cls != null && definitions.contains(name) && index.classByDefinition.putIfAbsent(name, cls) == null) {
                queue.add(name);
            }
        });
        while (!queue.isEmpty()) {
            String name = queue.poll();
            Class<?> cls = index.classByDefinition.get(name);
            definitions.get(name).ifPresent(def -> def.path("properties").properties().forEach(p -> {
                Optional<String> target = referencedDefinition(p.getValue());
                Optional<Class<?>> fieldClass = elementClass(cls, p.getKey());
                if (target.isPresent() && fieldClass.isPresent()
                        && index.classByDefinition.putIfAbsent(target.get(), fieldClass.get()) == null) {
                    queue.add(target.get());
                }
            }));
        }
        return index;
    }

    Optional<Class<?>> fabric8Class(String definition) {
        return Optional.ofNullable(classByDefinition.get(definition));
    }

    /** The definition a property refers to, through arrays and maps. */
    private static Optional<String> referencedDefinition(JsonNode property) {
        JsonNode node = property;
        while (node.has("items") || node.path("additionalProperties").isObject()) {
            node = node.has("items") ? node.get("items") : node.get("additionalProperties");
        }
        return node.path("$ref").isTextual() ? Optional.of(node.get("$ref").asText()) : Optional.empty();
    }

    /** The class of a JSON property's values (element class for lists, value class for maps). */
    private static Optional<Class<?>> elementClass(Class<?> owner, String jsonName) {
        for (Class<?> c = owner; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                JsonProperty annotation = field.getAnnotation(JsonProperty.class);
                String name = annotation != null && !annotation.value().isEmpty() ? annotation.value() : field.getName();
                if (name.equals(jsonName)) {
                    return innermostClass(field.getGenericType());
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Class<?>> innermostClass(Type type) {
        if (type instanceof Class<?> cls) {
            return Optional.of(cls);
        }
        if (type instanceof ParameterizedType p) {
            Type[] args = p.getActualTypeArguments();
            return innermostClass(args[args.length - 1]);
        }
        return Optional.empty();
    }
}
