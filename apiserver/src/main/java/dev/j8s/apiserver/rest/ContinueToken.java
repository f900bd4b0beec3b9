package dev.j8s.apiserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.j8s.api.ApiException;
import dev.j8s.api.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The opaque {@code continue} token of a paged list: the revision the list started at and the
 * last key returned, in the same shape kube-apiserver uses.
 */
public record ContinueToken(long revision, String startAfter) {

    public String encode() {
        ObjectNode node = Json.object();
        node.put("v", "meta.k8s.io/v1");
        node.put("rv", revision);
        node.put("start", startAfter);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.bytes(node));
    }

    public static ContinueToken decode(String token) {
        try {
            byte[] raw = Base64.getUrlDecoder().decode(token.trim().replace('+', '-').replace('/', '_')
                    .replace("=", ""));
            JsonNode node = Json.parse(raw);
            if (!node.path("v").asText().equals("meta.k8s.io/v1") || !node.path("start").isTextual()
                    || !node.path("rv").canConvertToLong()) {
                throw new IllegalArgumentException("unknown token version");
            }
            return new ContinueToken(node.get("rv").asLong(), node.get("start").asText());
        } catch (Exception e) {
            throw ApiException.badRequest("continue key is not valid: " + new String(
                    token.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8).replaceAll("\\p{Cntrl}", ""));
        }
    }
}
