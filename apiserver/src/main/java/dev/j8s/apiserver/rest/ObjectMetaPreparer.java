package dev.j8s.apiserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.j8s.api.ApiException;
import dev.j8s.api.ResourceType;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.Map;
import java.util.UUID;

/** Server-owned metadata on create and update: uid, timestamps, generation, generated names. */
public final class ObjectMetaPreparer {

    /** The alphabet of Kubernetes' generated name suffixes (no vowels, no confusable digits). */
    private static final String SUFFIX_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
    private static final int SUFFIX_LENGTH = 5;
    private static final int MAX_GENERATE_NAME_PREFIX = 63 - SUFFIX_LENGTH;

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public ObjectMetaPreparer(Clock clock) {
        this.clock = clock;
    }

    public String now() {
        return timestamp(clock.instant());
    }

    public static String timestamp(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    public void prepareForCreate(ResourceType type, ObjectNode object) {
        ObjectNode meta = Objects.metadata(object);
        String rv = meta.path("resourceVersion").asText("");
        if (!rv.isEmpty()) {
            throw ApiException.badRequest("resourceVersion should not be set on objects to be created");
        }
        meta.remove("resourceVersion");
        String name = meta.path("name").asText("");
        String generateName = meta.path("generateName").asText("");
        if (name.isEmpty() && !generateName.isEmpty()) {
            regenerateName(object);
        }
        meta.put("uid", UUID.randomUUID().toString());
        meta.put("creationTimestamp", now());
        meta.remove("deletionTimestamp");
        meta.remove("deletionGracePeriodSeconds");
        meta.remove("selfLink");
        if (tracksGeneration(object)) {
            meta.put("generation", 1);
        } else {
            meta.remove("generation");
        }
        if (type.hasSubresource("status") && !type.kind().equals("Namespace")) {
            object.remove("status");
        }
        if (type.group().isEmpty() && type.kind().equals("Pod")) {
            // The pod registry starts every new pod Pending (podStrategy.PrepareForCreate).
            object.putObject("status").put("phase", "Pending");
        }
    }

    /** Sets {@code metadata.name} to the generateName prefix plus a fresh random suffix. */
    public void regenerateName(ObjectNode object) {
        ObjectNode meta = Objects.metadata(object);
        String generateName = meta.path("generateName").asText("");
        String prefix = generateName.length() > MAX_GENERATE_NAME_PREFIX
                ? generateName.substring(0, MAX_GENERATE_NAME_PREFIX) : generateName;
        meta.put("name", prefix + suffix());
    }

    /**
     * Carries server-owned fields from the stored object to its replacement and bumps
     * {@code metadata.generation} when anything outside metadata and status changed.
     */
    public void prepareForUpdate(ResourceType type, ObjectNode object, ObjectNode old) {
        ObjectNode meta = Objects.metadata(object);
        ObjectNode oldMeta = Objects.metadata(old);
        for (String field : new String[] {"uid", "creationTimestamp", "deletionTimestamp",
                "deletionGracePeriodSeconds", "namespace", "generateName"}) {
            JsonNode v = oldMeta.get(field);
            if (v == null) {
                meta.remove(field);
            } else {
                meta.set(field, v);
            }
        }
        meta.remove("selfLink");
        if (type.hasSubresource("status")) {
            JsonNode oldStatus = old.get("status");
            if (oldStatus == null) {
                object.remove("status");
            } else {
                object.set("status", oldStatus);
            }
        }
        updateGeneration(object, old);
    }

    /** For a status update: the stored object with only its status (and nothing else) replaced. */
    public ObjectNode statusUpdate(ObjectNode old, ObjectNode body) {
        ObjectNode updated = old.deepCopy();
        JsonNode status = body.get("status");
        if (status == null) {
            updated.remove("status");
        } else {
            updated.set("status", status);
        }
        Objects.metadata(updated).put("resourceVersion", Objects.metadata(body).path("resourceVersion").asText(""));
        return updated;
    }

    private static void updateGeneration(ObjectNode object, ObjectNode old) {
        ObjectNode meta = Objects.metadata(object);
        long oldGeneration = old.path("metadata").path("generation").asLong(0);
        if (!tracksGeneration(object) && oldGeneration == 0) {
            meta.remove("generation");
            return;
        }
        boolean changed = !specOf(object).equals(specOf(old));
        meta.put("generation", changed ? Math.max(oldGeneration, 0) + 1 : Math.max(oldGeneration, 1));
    }

    /** Kubernetes tracks generation for objects with a spec (and a few others; spec is the rule that matters). */
    private static boolean tracksGeneration(ObjectNode object) {
        return object.has("spec");
    }

    /**
     * Everything but metadata and status, with null fields dropped: in Kubernetes' typed objects a null
     * and an absent field are the same value ({@code template.metadata.creationTimestamp: null} as kubectl
     * sends it, or omitted as other clients send it), so neither difference is a spec change.
     */
    private static ObjectNode specOf(ObjectNode object) {
        ObjectNode copy = object.deepCopy();
        Iterator<Map.Entry<String, JsonNode>> it = copy.fields();
        while (it.hasNext()) {
            String key = it.next().getKey();
            if (key.equals("metadata") || key.equals("status") || key.equals("apiVersion") || key.equals("kind")) {
                it.remove();
            }
        }
        dropNulls(copy);
        return copy;
    }

    private static void dropNulls(JsonNode node) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                JsonNode value = it.next().getValue();
                if (value.isNull()) {
                    it.remove();
                } else {
                    dropNulls(value);
                }
            }
        } else if (node.isArray()) {
            node.forEach(ObjectMetaPreparer::dropNulls);
        }
    }

    private String suffix() {
        StringBuilder sb = new StringBuilder(SUFFIX_LENGTH);
        for (int i = 0; i < SUFFIX_LENGTH; i++) {
            sb.append(SUFFIX_ALPHABET.charAt(random.nextInt(SUFFIX_ALPHABET.length())));
        }
        return sb.toString();
    }
}
