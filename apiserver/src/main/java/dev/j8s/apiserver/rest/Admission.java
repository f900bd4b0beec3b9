package dev.j8s.apiserver.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.j8s.api.ApiException;
import dev.j8s.api.Json;
import dev.j8s.api.ResourceType;
import dev.j8s.api.StatusCause;
import dev.j8s.api.defaults.Defaulter;
import dev.j8s.api.validation.StructuralSchema;
import dev.j8s.api.validation.UnknownFields;
import dev.j8s.api.validation.Validator;
import java.util.List;

/**
 * What happens to an object between decoding and storage: field validation of the raw body
 * ({@code fieldValidation=Strict|Warn|Ignore}), defaulting, and validation.
 */
public final class Admission {

    private Admission() {}

    /**
     * Checks the request body for fields its type does not have. Strict fails the request (400,
     * "strict decoding error"), Warn adds warnings, Ignore does nothing.
     */
    public static void checkFields(ResourceType type, JsonNode body, String fieldValidation, List<String> warnings) {
        if (type.custom() != null && type.custom().schema() != null) {
            // Custom resources: fields the CRD's schema does not know are pruned (Strict rejects them).
            List<String> pruned = StructuralSchema.prune(type.custom().schema(), body);
            if ("Strict".equals(fieldValidation) && !pruned.isEmpty()) {
                throw ApiException.badRequest("strict decoding error: " + String.join(", ", pruned));
            }
            if ("Warn".equals(fieldValidation)) {
                warnings.addAll(pruned);
            }
            return;
        }
        if (type.modelClass() == null) {
            return;
        }
        if ("Strict".equals(fieldValidation)) {
            List<String> unknown = UnknownFields.find(type.modelClass(), body);
            if (!unknown.isEmpty()) {
                throw ApiException.badRequest("strict decoding error: " + String.join(", ", unknown));
            }
            return;
        }
        // Warn and Ignore: the fields are dropped, as decoding into the typed object drops them.
        List<String> dropped = UnknownFields.prune(type.modelClass(), body);
        if ("Warn".equals(fieldValidation)) {
            warnings.addAll(dropped);
        }
    }

    /**
     * Decoding into the typed model is how Kubernetes rejects wrongly typed values
     * ({@code json: cannot unmarshal number into Go struct field ... of type string}); j8s keeps
     * trees but performs the same typed decode, without coercions, before anything is stored.
     */
    private static final ObjectMapper TYPED = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            // MicroTime fields (Lease renewTime/acquireTime) are ZonedDateTime in the fabric8 model.
            .addModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
            .build();

    public static void checkTypes(ResourceType type, ObjectNode object) {
        checkTypes(type, object, null);
    }

    /**
     * The typed decode of an update checks only the top-level fields that differ from {@code old}: the
     * stored object passed this check when it was written, and an unchanged field decodes as it did then.
     * A status write (the kubelet's, a controller's) so decodes its status and metadata, not the spec.
     */
    static void checkTypes(ResourceType type, ObjectNode object, ObjectNode old) {
        if (type.modelClass() == null) {
            return;
        }
        ObjectNode checked = object;
        if (old != null) {
            checked = Json.object();
            for (var field : object.properties()) {
                if (!field.getValue().equals(old.get(field.getKey()))) {
                    checked.set(field.getKey(), field.getValue());
                }
            }
        }
        try {
            TYPED.treeToValue(checked, type.modelClass());
        } catch (JsonProcessingException | IllegalArgumentException e) {
            String detail = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
            if (detail != null && detail.length() > 300) {
                detail = detail.substring(0, 300);
            }
            throw ApiException.badRequest("error decoding " + type.kind() + ": " + detail);
        }
    }

    public static void defaultAndValidate(ResourceType type, ObjectNode object, ObjectNode old) {
        checkTypes(type, object, old);
        if (type.modelClass() != null) {
            Defaulter.apply(type, object);
        }
        List<StatusCause> causes = new java.util.ArrayList<>(Validator.validate(type, object, old));
        if (type.custom() != null && type.custom().schema() != null) {
            StructuralSchema.applyDefaults(type.custom().schema(), object);
            causes.addAll(StructuralSchema.validate(type.custom().schema(), object));
        }
        if (!causes.isEmpty()) {
            throw ApiException.invalid(type.group(), type.kind(), Objects.name(object), causes);
        }
    }
}
