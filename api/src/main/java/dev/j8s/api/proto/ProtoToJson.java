package dev.j8s.api.proto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import dev.j8s.api.ApiException;
import dev.j8s.api.Json;
import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a decoded Kubernetes protobuf message into the JSON tree Go's encoding/json would write for
 * the same object, walking the message by its descriptor (no per-type code).
 */
final class ProtoToJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** How many RawExtensions holding protobuf objects enclose this one. */
    private final int nesting;

    ProtoToJson(int nesting) {
        this.nesting = nesting;
    }

    ObjectNode object(Message message) {
        ObjectNode out = NODES.objectNode();
        putFields(message, out);
        return out;
    }

    private void putFields(Message message, ObjectNode out) {
        for (FieldDescriptor field : message.getDescriptorForType().getFields()) {
            if (field.isMapField()) {
                putMap(message, field, out);
            } else if (field.isRepeated()) {
                putList(message, field, out);
            } else if (message.hasField(field)) {
                putSingle(field, message.getField(field), out);
            }
        }
    }

    private void putSingle(FieldDescriptor field, Object value, ObjectNode out) {
        if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
            if (GoJsonConventions.isInline(field)) {
                putFields((Message) value, out);
            } else {
                out.set(field.getName(), message((Message) value));
            }
        } else if (!isZero(value) || GoJsonConventions.keepsZero(field)) {
            out.set(field.getName(), scalar(value));
        }
    }

    /** Go's {@code omitempty} drops nil and empty slices; a list that is present is never empty. */
    private void putList(Message message, FieldDescriptor field, ObjectNode out) {
        int count = message.getRepeatedFieldCount(field);
        if (count == 0) {
            return;
        }
        ArrayNode array = out.putArray(field.getName());
        for (int i = 0; i < count; i++) {
            array.add(value(field, message.getRepeatedField(field, i)));
        }
    }

    /** Proto map entries become a JSON object with keys in Go's (sorted) order. */
    private void putMap(Message message, FieldDescriptor field, ObjectNode out) {
        List<?> entries = (List<?>) message.getField(field);
        if (entries.isEmpty()) {
            return;
        }
        Descriptor entryType = field.getMessageType();
        FieldDescriptor keyField = entryType.findFieldByName("key");
        FieldDescriptor valueField = entryType.findFieldByName("value");
        Map<String, JsonNode> sorted = new TreeMap<>();
        for (Object entry : entries) {
            Message e = (Message) entry;
            sorted.put(String.valueOf(e.getField(keyField)), value(valueField, e.getField(valueField)));
        }
        out.putObject(field.getName()).setAll(sorted);
    }

    /** An element of a list or map: always written, zero or not. */
    private JsonNode value(FieldDescriptor field, Object value) {
        return field.getJavaType() == FieldDescriptor.JavaType.MESSAGE ? message((Message) value) : scalar(value);
    }

    private JsonNode message(Message message) {
        Descriptor type = message.getDescriptorForType();
        return switch (type.getFullName()) {
            case GoJsonConventions.TIME -> time(message, false);
            case GoJsonConventions.MICRO_TIME -> time(message, true);
            case GoJsonConventions.DURATION -> NODES.textNode(GoTimeFormats.duration(longField(message, "duration")));
            case GoJsonConventions.INT_OR_STRING -> intOrString(message);
            case GoJsonConventions.QUANTITY -> NODES.textNode(stringField(message, "string"));
            case GoJsonConventions.RAW_EXTENSION -> embedded(bytesField(message, "raw"));
            case GoJsonConventions.FIELDS_V1 -> embedded(bytesField(message, "Raw"));
            default -> GoJsonConventions.isStringList(type) ? stringList(message) : object(message);
        };
    }

    /** A zero time is written as an empty message and reads back as JSON null, as Go's Time does. */
    private JsonNode time(Message message, boolean micro) {
        long seconds = longField(message, "seconds");
        int nanos = (int) longField(message, "nanos");
        if (seconds == 0 && nanos == 0) {
            return NODES.nullNode();
        }
        return NODES.textNode(micro ? GoTimeFormats.microTime(seconds, nanos) : GoTimeFormats.time(seconds, nanos));
    }

    /** intstr.IntOrString: type 0 is an int, type 1 a string. */
    private JsonNode intOrString(Message message) {
        if (longField(message, "type") == 1) {
            return NODES.textNode(stringField(message, "strVal"));
        }
        return NODES.numberNode((int) longField(message, "intVal"));
    }

    /** RawExtension and FieldsV1 carry JSON, or a nested protobuf object behind the magic prefix. */
    private JsonNode embedded(ByteString raw) {
        if (raw.isEmpty()) {
            return NODES.nullNode();
        }
        byte[] bytes = raw.toByteArray();
        if (ProtobufCodec.hasMagic(bytes)) {
            return ProtobufCodec.decode(bytes, nesting + 1);
        }
        try {
            return Json.parse(bytes);
        } catch (IOException e) {
            throw ApiException.badRequest("embedded object is not valid JSON: " + e.getMessage());
        }
    }

    private JsonNode stringList(Message message) {
        ArrayNode array = NODES.arrayNode();
        FieldDescriptor items = message.getDescriptorForType().getFields().get(0);
        for (int i = 0; i < message.getRepeatedFieldCount(items); i++) {
            array.add((String) message.getRepeatedField(items, i));
        }
        return array;
    }

    private JsonNode scalar(Object value) {
        return switch (value) {
            case String s -> NODES.textNode(s);
            case Integer i -> NODES.numberNode(i);
            // the node type a JSON parser would pick for the same digits, so trees compare equal
            case Long l -> l == l.intValue() ? NODES.numberNode(l.intValue()) : NODES.numberNode(l);
            case Boolean b -> NODES.booleanNode(b);
            case Double d -> NODES.numberNode(d);
            case Float f -> NODES.numberNode(f.doubleValue());
            // Go's encoding/json writes []byte as standard base64 with padding
            case ByteString bytes -> NODES.textNode(Base64.getEncoder().encodeToString(bytes.toByteArray()));
            case EnumValueDescriptor e -> NODES.textNode(e.getName());
            default -> throw new IllegalStateException("unexpected protobuf value " + value.getClass());
        };
    }

    private boolean isZero(Object value) {
        return switch (value) {
            case String s -> s.isEmpty();
            case Integer i -> i == 0;
            case Long l -> l == 0;
            case Boolean b -> !b;
            case Double d -> d == 0;
            case Float f -> f == 0;
            case ByteString bytes -> bytes.isEmpty();
            default -> false;
        };
    }

    private long longField(Message message, String name) {
        Object value = message.getField(message.getDescriptorForType().findFieldByName(name));
        return ((Number) value).longValue();
    }

    private String stringField(Message message, String name) {
        return (String) message.getField(message.getDescriptorForType().findFieldByName(name));
    }

    private ByteString bytesField(Message message, String name) {
        return (ByteString) message.getField(message.getDescriptorForType().findFieldByName(name));
    }
}
