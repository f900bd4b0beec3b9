package dev.j8s.api.proto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import dev.j8s.api.ApiException;
import dev.j8s.api.Json;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Kubernetes' protobuf → JSON rules: field names are the JSON names, a handful of apimachinery
 * types have their own JSON form (Time, IntOrString, Quantity, RawExtension), map entries become
 * objects and bytes become base64. Go always writes its non-pointer string fields, so empty
 * strings and zero times are dropped the way {@code omitempty} would in JSON.
 */
final class ProtoJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ProtoJson() {}

    static ObjectNode toJson(Message message) {
        ObjectNode out = NODES.objectNode();
        for (Map.Entry<FieldDescriptor, Object> e : message.getAllFields().entrySet()) {
            FieldDescriptor field = e.getKey();
            JsonNode value;
            if (field.isMapField()) {
                value = map(field, (List<?>) e.getValue());
            } else if (field.isRepeated()) {
                ArrayNode array = NODES.arrayNode();
                for (Object item : (List<?>) e.getValue()) {
                    JsonNode v = value(field, item);
                    array.add(v == null ? NODES.nullNode() : v);
                }
                value = array;
            } else {
                value = value(field, e.getValue());
            }
            if (value != null && (field.isRepeated() || !isOmittedZero(field, value))) {
                out.set(field.getJsonName(), value);
            }
        }
        return out;
    }

    /**
     * Go writes non-pointer scalars even when zero, where its JSON encoding would omit them
     * ({@code omitempty}). Zero numbers and false booleans are dropped unless the Kubernetes field
     * is a pointer, where zero is a real value (replicas: 0, suspend: false, ...).
     */
    private static boolean isOmittedZero(FieldDescriptor field, JsonNode value) {
        boolean zero = (value.isNumber() && value.asDouble() == 0) || (value.isBoolean() && !value.asBoolean());
        return zero && !POINTER_FIELDS.contains(field.getJsonName());
    }

    private static final java.util.Set<String> POINTER_FIELDS = java.util.Set.of(
            "replicas", "parallelism", "completions", "backoffLimit", "backoffLimitPerIndex", "maxFailedIndexes",
            "activeDeadlineSeconds", "ttlSecondsAfterFinished", "terminationGracePeriodSeconds",
            "revisionHistoryLimit", "progressDeadlineSeconds", "startingDeadlineSeconds",
            "successfulJobsHistoryLimit", "failedJobsHistoryLimit", "defaultMode", "mode", "runAsUser",
            "runAsGroup", "fsGroup", "automountServiceAccountToken", "readOnlyRootFilesystem", "privileged",
            "allowPrivilegeEscalation", "runAsNonRoot", "immutable", "suspend", "optional", "enableServiceLinks",
            "shareProcessNamespace", "hostUsers", "setHostnameAsFQDN", "priority", "minReplicas",
            "allocateLoadBalancerNodePorts", "expirationSeconds", "minAvailable", "maxUnavailable", "value",
            "seconds", "deletionGracePeriodSeconds", "partition", "start", "maxSurge", "sizeLimit",
            "initialDelaySeconds", "timeoutSeconds", "periodSeconds", "successThreshold", "failureThreshold",
            "globalDefault", "readOnly");

    private static ObjectNode map(FieldDescriptor field, List<?> entries) {
        ObjectNode out = NODES.objectNode();
        FieldDescriptor valueField = field.getMessageType().findFieldByName("value");
        for (Object entry : entries) {
            Message m = (Message) entry;
            String key = String.valueOf(m.getField(field.getMessageType().findFieldByName("key")));
            JsonNode v = value(valueField, m.getField(valueField));
            out.set(key, v == null ? NODES.textNode("") : v);
        }
        return out;
    }

    private static JsonNode value(FieldDescriptor field, Object value) {
        return switch (field.getJavaType()) {
            case STRING -> ((String) value).isEmpty() ? null : NODES.textNode((String) value);
            case INT -> NODES.numberNode((Integer) value);
            case LONG -> NODES.numberNode((Long) value);
            case BOOLEAN -> NODES.booleanNode((Boolean) value);
            case DOUBLE -> NODES.numberNode((Double) value);
            case FLOAT -> NODES.numberNode((Float) value);
            case BYTE_STRING -> NODES.textNode(Base64.getEncoder().encodeToString(((ByteString) value).toByteArray()));
            case ENUM -> NODES.textNode(value.toString());
            case MESSAGE -> message((Message) value);
        };
    }

    private static JsonNode message(Message m) {
        String type = m.getDescriptorForType().getFullName();
        switch (type) {
            case "k8s.io.apimachinery.pkg.apis.meta.v1.Time", "k8s.io.apimachinery.pkg.apis.meta.v1.MicroTime" -> {
                long seconds = (Long) field(m, "seconds", 0L);
                int nanos = (Integer) field(m, "nanos", 0);
                if (seconds == 0 && nanos == 0) {
                    return null;
                }
                Instant t = Instant.ofEpochSecond(seconds, nanos);
                boolean micro = type.endsWith("MicroTime");
                return NODES.textNode(DateTimeFormatter.ISO_INSTANT.format(
                        t.truncatedTo(micro ? ChronoUnit.MICROS : ChronoUnit.SECONDS)));
            }
            case "k8s.io.apimachinery.pkg.util.intstr.IntOrString" -> {
                long kind = (Long) field(m, "type", 0L);
                return kind == 1 ? NODES.textNode((String) field(m, "strVal", ""))
                        : NODES.numberNode((Integer) field(m, "intVal", 0));
            }
            case "k8s.io.apimachinery.pkg.api.resource.Quantity" -> {
                return NODES.textNode((String) field(m, "string", "0"));
            }
            case "k8s.io.apimachinery.pkg.runtime.RawExtension", "k8s.io.apimachinery.pkg.apis.meta.v1.FieldsV1" -> {
                ByteString raw = (ByteString) field(m, "raw", ByteString.EMPTY);
                if (raw.isEmpty()) {
                    return null;
                }
                try {
                    return Json.parse(raw.toByteArray());
                } catch (IOException e) {
                    throw ApiException.badRequest("embedded object is not valid JSON");
                }
            }
            case "k8s.io.apimachinery.pkg.apis.meta.v1.Duration" -> {
                long nanos = (Long) field(m, "duration", 0L);
                return NODES.textNode(goDuration(nanos));
            }
            default -> {
                return toJson(m);
            }
        }
    }

    private static Object field(Message m, String name, Object fallback) {
        FieldDescriptor f = m.getDescriptorForType().findFieldByName(name);
        return f == null || !m.hasField(f) ? fallback : m.getField(f);
    }

    /** Go's time.Duration.String() for whole seconds and above, which is what Kubernetes sends. */
    static String goDuration(long nanos) {
        if (nanos == 0) {
            return "0s";
        }
        long s = nanos / 1_000_000_000L;
        long h = s / 3600;
        long min = (s % 3600) / 60;
        long sec = s % 60;
        StringBuilder sb = new StringBuilder();
        if (h > 0) {
            sb.append(h).append('h');
        }
        if (h > 0 || min > 0) {
            sb.append(min).append('m');
        }
        sb.append(sec).append('s');
        return sb.toString();
    }
}
