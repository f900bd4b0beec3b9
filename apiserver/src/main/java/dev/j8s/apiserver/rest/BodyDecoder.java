package dev.j8s.apiserver.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.j8s.api.ApiException;
import dev.j8s.api.Json;
import dev.j8s.api.proto.ProtobufCodec;
import dev.j8s.apiserver.http.ApiRequest;
import java.io.IOException;
import java.util.Locale;

/** Decodes request bodies in the media types kube-apiserver accepts: JSON, YAML and Kubernetes protobuf. */
public final class BodyDecoder {

    private BodyDecoder() {}

    public static ObjectNode object(ApiRequest request) {
        String type = mediaType(request.contentType());
        JsonNode node;
        switch (type) {
            case "", "application/json", "*/*" -> node = parse(request.body(), false);
            case "application/yaml", "application/x-yaml", "text/yaml" -> node = parse(request.body(), true);
            case ProtobufCodec.MEDIA_TYPE -> node = ProtobufCodec.decode(request.body());
            default -> throw ApiException.unsupportedMediaType(type);
        }
        if (!(node instanceof ObjectNode object)) {
            throw ApiException.badRequest("Object 'Kind' is missing in '" + preview(request.body()) + "'");
        }
        return object;
    }

    /** Parses a JSON (or, for apply patches, YAML) patch document. */
    public static JsonNode patch(byte[] body, boolean yaml) {
        return parse(body, yaml);
    }

    public static String mediaType(String contentType) {
        int semi = contentType.indexOf(';');
        String base = semi < 0 ? contentType : contentType.substring(0, semi);
        return base.trim().toLowerCase(Locale.ROOT);
    }

    private static JsonNode parse(byte[] body, boolean yaml) {
        if (body.length == 0) {
            throw ApiException.badRequest("the request body is empty");
        }
        try {
            JsonNode node = yaml ? Json.YAML.readTree(body) : Json.MAPPER.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw ApiException.badRequest("the request body is empty");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("error decoding " + (yaml ? "YAML" : "JSON") + ": "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw ApiException.badRequest("error reading the request body: " + e.getMessage());
        } catch (RuntimeException e) {
            // YAML parsers throw unchecked exceptions on some hostile documents (anchors, huge scalars).
            if (e instanceof ApiException api) {
                throw api;
            }
            throw ApiException.badRequest("error decoding the request body: " + e.getClass().getSimpleName());
        }
    }

    private static String preview(byte[] body) {
        String s = new String(body, 0, Math.min(body.length, 80), java.nio.charset.StandardCharsets.UTF_8);
        return s.replaceAll("[\\p{Cntrl}]", " ");
    }
}
