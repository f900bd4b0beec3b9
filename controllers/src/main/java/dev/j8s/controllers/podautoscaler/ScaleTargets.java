package dev.j8s.controllers.podautoscaler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.j8s.api.Json;
import dev.j8s.api.ResourceRegistry;
import dev.j8s.api.ResourceType;
import dev.j8s.client.ClientJson;
import dev.j8s.client.transport.Transport;
import dev.j8s.client.transport.TransportRequest;
import dev.j8s.client.transport.TransportResponse;
import io.fabric8.kubernetes.api.model.autoscaling.v2.CrossVersionObjectReference;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads and writes the scale subresource of whatever an HPA's scaleTargetRef names: built-in kinds
 * through the registry, custom resources through the server's discovery (their CRD must declare the
 * scale subresource), as the HPA controller's scale client resolves them through a RESTMapper.
 */
final class ScaleTargets {

    /** The target's scale: spec.replicas, status.replicas and status.selector. */
    record Scale(String path, ObjectNode object, int specReplicas, String selector) {}

    static final class ScaleUnavailable extends Exception {
        ScaleUnavailable(String message) {
            super(message);
        }
    }

    private final Transport transport;
    private final ResourceRegistry builtins = ResourceRegistry.withBuiltins();

    ScaleTargets(Transport transport) {
        this.transport = transport;
    }

    Scale get(String namespace, CrossVersionObjectReference ref) throws ScaleUnavailable {
        String plural = plural(ref).orElseThrow(() -> new ScaleUnavailable("no matches for kind \"" + ref.getKind()
                + "\" in group \"" + group(ref.getApiVersion()) + "\""));
        String path = prefix(ref.getApiVersion()) + "/namespaces/" + namespace + "/" + plural + "/" + ref.getName()
                + "/scale";
        TransportResponse response = send(new TransportRequest("GET", path, null, null));
        ObjectNode scale = decode(response, ref);
        return new Scale(path, scale, scale.path("spec").path("replicas").asInt(0),
                scale.path("status").path("selector").asText(""));
    }

    void update(Scale scale, int replicas, CrossVersionObjectReference ref) throws ScaleUnavailable {
        ObjectNode body = scale.object().deepCopy();
        body.with("spec").put("replicas", replicas);
        decode(send(new TransportRequest("PUT", scale.path(), "application/json", Json.bytes(body))), ref);
    }

    private ObjectNode decode(TransportResponse response, CrossVersionObjectReference ref) throws ScaleUnavailable {
        try {
            JsonNode body = ClientJson.MAPPER.readTree(response.body());
            if (!response.isSuccess()) {
                throw new ScaleUnavailable(body.path("message").asText(
                        new String(response.body(), StandardCharsets.UTF_8)));
            }
            return (ObjectNode) body;
        } catch (IOException | ClassCastException e) {
            throw new ScaleUnavailable("undecodable scale of " + ref.getKind() + "/" + ref.getName() + ": " + e);
        }
    }

    private Optional<String> plural(CrossVersionObjectReference ref) throws ScaleUnavailable {
        Optional<ResourceType> builtin = builtins.byKind(ref.getApiVersion(), ref.getKind());
        if (builtin.isPresent()) {
            return Optional.of(builtin.get().plural());
        }
        // A custom resource: ask discovery which plural serves the kind.
        TransportResponse response = send(new TransportRequest("GET", prefix(ref.getApiVersion()), null, null));
        if (!response.isSuccess()) {
            return Optional.empty();
        }
        try {
            for (JsonNode r : ClientJson.MAPPER.readTree(response.body()).path("resources")) {
                String name = r.path("name").asText();
                if (!name.contains("/") && ref.getKind().equals(r.path("kind").asText())) {
                    return Optional.of(name);
                }
            }
        } catch (IOException e) {
            throw new ScaleUnavailable("undecodable discovery document: " + e);
        }
        return Optional.empty();
    }

    private TransportResponse send(TransportRequest request) throws ScaleUnavailable {
        try {
            return transport.send(request);
        } catch (IOException e) {
            throw new ScaleUnavailable(request.method() + " " + request.pathAndQuery() + " failed: " + e.getMessage());
        }
    }

    private static String prefix(String apiVersion) {
        return apiVersion.contains("/") ? "/apis/" + apiVersion : "/api/" + apiVersion;
    }

    private static String group(String apiVersion) {
        return apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    }
}
