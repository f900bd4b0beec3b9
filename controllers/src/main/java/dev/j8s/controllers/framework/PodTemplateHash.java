package dev.j8s.controllers.framework;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.j8s.api.Json;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code pod-template-hash} label that tells the ReplicaSets of one Deployment apart.
 * Kubernetes (controller.ComputeHash) hashes the template with FNV-32a, mixes in the
 * Deployment's collisionCount, and encodes the decimal number with rand.SafeEncodeString (no
 * vowels, no look-alike digits, so a hash never spells a word). j8s hashes the template's
 * canonical JSON (keys sorted, empty values dropped) the same way: stable across restarts and
 * processes, though not the same digits as Go's object dump.
 */
public final class PodTemplateHash {

    public static final String LABEL = "pod-template-hash";

    private static final String SAFE_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
    private static final int FNV_OFFSET = 0x811c9dc5;
    private static final int FNV_PRIME = 0x01000193;

    private PodTemplateHash() {}

    public static String compute(PodTemplateSpec template, Integer collisionCount) {
        int hash = FNV_OFFSET;
        hash = fnv(hash, canonicalJson(template).getBytes(StandardCharsets.UTF_8));
        if (collisionCount != null) {
            byte[] count = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(collisionCount).array();
            hash = fnv(hash, count);
        }
        return safeEncode(Integer.toUnsignedString(hash));
    }

    /**
     * Whether two templates are the same but for their hash label (deployment util's
     * EqualIgnoreHash): how a Deployment finds the ReplicaSet that already runs its template.
     */
    public static boolean equalIgnoringHash(PodTemplateSpec a, PodTemplateSpec b) {
        return canonicalTree(a, true).equals(canonicalTree(b, true));
    }

    static String safeEncode(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            out.append(SAFE_ALPHABET.charAt(s.charAt(i) % SAFE_ALPHABET.length()));
        }
        return out.toString();
    }

    private static int fnv(int hash, byte[] bytes) {
        for (byte b : bytes) {
            hash ^= b & 0xff;
            hash *= FNV_PRIME;
        }
        return hash;
    }

    private static String canonicalJson(PodTemplateSpec template) {
        return Json.string(canonicalTree(template, false));
    }

    private static JsonNode canonicalTree(PodTemplateSpec template, boolean withoutHash) {
        JsonNode tree = Json.MAPPER.valueToTree(template == null ? new PodTemplateSpec() : template);
        if (withoutHash && tree.path("metadata").path("labels") instanceof ObjectNode labels) {
            labels.remove(LABEL);
        }
        JsonNode sorted = normalize(tree);
        return sorted == null ? Json.object() : sorted;
    }

    /** Sorted keys, no nulls, no empty objects or arrays (nil and empty are the same to Kubernetes). */
    private static JsonNode normalize(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isObject()) {
            Map<String, JsonNode> fields = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode value = normalize(e.getValue());
                if (value != null) {
                    fields.put(e.getKey(), value);
                }
            }
            if (fields.isEmpty()) {
                return null;
            }
            ObjectNode out = Json.object();
            fields.forEach(out::set);
            return out;
        }
        if (node.isArray()) {
            List<JsonNode> items = new ArrayList<>();
            for (JsonNode item : node) {
                JsonNode value = normalize(item);
                items.add(value == null ? Json.object() : value);
            }
            if (items.isEmpty()) {
                return null;
            }
            ArrayNode out = Json.MAPPER.createArrayNode();
            items.forEach(out::add);
            return out;
        }
        return node;
    }
}
