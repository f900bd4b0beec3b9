package dev.j8s.api.proto;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import dev.j8s.api.Json;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/**
 * The inverse of {@link ProtoToJson}: fills a protobuf message from the JSON tree of an object by
 * walking the message descriptor. JSON members the message does not know are left out.
 */
final class JsonToProto {

    private JsonToProto() {}

    static DynamicMessage message(Descriptor type, JsonNode json) {
        DynamicMessage.Builder builder = DynamicMessage.newBuilder(type);
        switch (type.getFullName()) {
            case GoJsonConventions.TIME, GoJsonConventions.MICRO_TIME -> time(builder, json);
            case GoJsonConventions.DURATION -> set(builder, "duration", GoTimeFormats.parseDuration(json.asText()));
            case GoJsonConventions.INT_OR_STRING -> intOrString(builder, json);
            case GoJsonConventions.QUANTITY -> set(builder, "string", json.asText());
            case GoJsonConventions.RAW_EXTENSION -> embedded(builder, "raw", json);
            case GoJsonConventions.FIELDS_V1 -> embedded(builder, "Raw", json);
            default -> {
                if (GoJsonConventions.isStringList(type)) {
                    FieldDescriptor items = type.getFields().get(0);
                    json.forEach(item -> builder.addRepeatedField(items, item.asText()));
                } else {
                    fill(builder, json);
                }
            }
        }
        return builder.build();
    }

    private static void fill(DynamicMessage.Builder builder, JsonNode json) {
        if (!json.isObject()) {
            throw new IllegalArgumentException(builder.getDescriptorForType().getName() + " must be a JSON object");
        }
        for (FieldDescriptor field : builder.getDescriptorForType().getFields()) {
            if (GoJsonConventions.isInline(field)) {
                DynamicMessage.Builder inline = DynamicMessage.newBuilder(field.getMessageType());
                fill(inline, json);
                builder.setField(field, inline.build());
                continue;
            }
            JsonNode value = json.get(field.getName());
            if (value == null || value.isNull() && !isTime(field)) {
                continue;
            }
            if (field.isMapField()) {
                putMap(builder, field, value);
            } else if (field.isRepeated()) {
                value.forEach(item -> builder.addRepeatedField(field, value(field, item)));
            } else {
                builder.setField(field, value(field, value));
            }
        }
    }

    private static void putMap(DynamicMessage.Builder builder, FieldDescriptor field, JsonNode json) {
        Descriptor entryType = field.getMessageType();
        FieldDescriptor keyField = entryType.findFieldByName("key");
        FieldDescriptor valueField = entryType.findFieldByName("value");
        for (Map.Entry<String, JsonNode> member : json.properties()) {
            builder.addRepeatedField(field, DynamicMessage.newBuilder(entryType)
                    .setField(keyField, member.getKey())
                    .setField(valueField, value(valueField, member.getValue()))
                    .build());
        }
    }

    private static Object value(FieldDescriptor field, JsonNode json) {
        return switch (field.getJavaType()) {
            case MESSAGE -> message(field.getMessageType(), json);
            case STRING -> json.asText();
            case INT -> json.asInt();
            case LONG -> json.asLong();
            case BOOLEAN -> json.asBoolean();
            case DOUBLE -> json.asDouble();
            case FLOAT -> (float) json.asDouble();
            case BYTE_STRING -> ByteString.copyFrom(Base64.getDecoder().decode(json.asText()));
            case ENUM -> field.getEnumType().findValueByName(json.asText());
        };
    }

    /** A null Time is Go's zero time, which goes on the wire as an empty message. */
    private static void time(DynamicMessage.Builder builder, JsonNode json) {
        if (json.isNull() || json.asText().isEmpty()) {
            return;
        }
        Instant instant = GoTimeFormats.parseTime(json.asText());
        set(builder, "seconds", instant.getEpochSecond());
        set(builder, "nanos", instant.getNano());
    }

    private static void intOrString(DynamicMessage.Builder builder, JsonNode json) {
        if (json.isTextual()) {
            set(builder, "type", 1L);
            set(builder, "strVal", json.asText());
        } else {
            set(builder, "type", 0L);
            set(builder, "intVal", json.asInt());
        }
    }

    private static void embedded(DynamicMessage.Builder builder, String field, JsonNode json) {
        if (!json.isNull()) {
            set(builder, field, ByteString.copyFrom(Json.bytes(json)));
        }
    }

    private static boolean isTime(FieldDescriptor field) {
        return field.getJavaType() == FieldDescriptor.JavaType.MESSAGE && !field.isRepeated()
                && field.getMessageType().getFullName().equals(GoJsonConventions.TIME);
    }

    private static void set(DynamicMessage.Builder builder, String name, Object value) {
        builder.setField(builder.getDescriptorForType().findFieldByName(name), value);
    }
}
