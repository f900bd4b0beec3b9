package dev.j8s.apiserver.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.j8s.api.ApiException;
import dev.j8s.api.Json;
import dev.j8s.api.ResourceType;
import dev.j8s.api.metrics.NodeMetricsReport;
import dev.j8s.apiserver.http.ApiRequest;
import dev.j8s.apiserver.http.Responder;
import dev.j8s.apiserver.http.StatusResponses;
import dev.j8s.apiserver.rest.BodyDecoder;
import dev.j8s.apiserver.rest.ObjectFilter;
import dev.j8s.apiserver.rest.ObjectLister;
import dev.j8s.apiserver.rest.ResponseEncoder;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * REST verbs of metrics.k8s.io/v1beta1: get and list of NodeMetrics and PodMetrics (with label and
 * field selectors, as metrics-server serves them, for {@code kubectl top} and the HPA controller), and
 * the agents' {@link NodeMetricsReport} POSTed to {@code nodes/<name>/report}.
 */
public final class ResourceMetricsHandler {

    public static final String GROUP = "metrics.k8s.io";
    private static final Duration DEFAULT_WINDOW = Duration.ofSeconds(15);
    private static final String NODE_USER_PREFIX = "system:node:";

    private final ResourceMetricsRegistry registry;
    private final ResponseEncoder encoder;
    private final Clock clock;

    public ResourceMetricsHandler(ResourceMetricsRegistry registry, ResponseEncoder encoder, Clock clock) {
        this.registry = registry;
        this.encoder = encoder;
        this.clock = clock;
    }

    public static boolean handles(ResourceType type) {
        return GROUP.equals(type.group());
    }

    public void handle(ResourceType type, String namespace, String name, String subresource, ApiRequest request,
                       Responder responder) {
        boolean nodes = type.plural().equals("nodes");
        if (request.method().equals("POST") && nodes && NodeMetricsReport.SUBRESOURCE.equals(subresource)
                && name != null) {
            report(type, name, request);
            responder.send(ResponseEncoder.encode(request, 201, StatusResponses.success()));
            return;
        }
        if (!request.method().equals("GET") || subresource != null || request.flag("watch")) {
            throw ApiException.methodNotAllowed("the server does not allow this method on the requested resource");
        }
        if (name != null) {
            Optional<ObjectNode> found = nodes ? registry.node(name) : registry.pod(namespace, name);
            ObjectNode object = found.orElseThrow(() -> ApiException.notFound(GROUP, type.plural(), name));
            responder.send(encoder.object(request, type, 200, complete(type, object), null));
            return;
        }
        ObjectFilter filter = ObjectFilter.of(type, request.param("labelSelector"), request.param("fieldSelector"));
        List<ObjectNode> items = new ArrayList<>();
        for (ObjectNode object : nodes ? registry.nodes() : registry.pods(namespace)) {
            if (filter.matches(object)) {
                items.add(complete(type, object));
            }
        }
        items.sort(Comparator.comparing((ObjectNode o) -> o.path("metadata").path("namespace").asText())
                .thenComparing(o -> o.path("metadata").path("name").asText()));
        ObjectNode listMeta = Json.object().put("resourceVersion", "");
        responder.send(encoder.list(request, type, new ObjectLister.Page(items, listMeta)));
    }

    private void report(ResourceType type, String nodeName, ApiRequest request) {
        // A node's credentials may report only for that node, as the NodeRestriction admission plugin limits kubelets.
        if (request.user() != null && request.user().startsWith(NODE_USER_PREFIX)
                && !request.user().equals(NODE_USER_PREFIX + nodeName)) {
            throw ApiException.forbidden("nodes.metrics.k8s.io \"" + nodeName + "\" is forbidden: node \""
                    + request.user().substring(NODE_USER_PREFIX.length()) + "\" can only report its own metrics");
        }
        ObjectNode body = BodyDecoder.object(request);
        if (!NodeMetricsReport.KIND.equals(body.path("kind").asText())) {
            throw ApiException.badRequest("expected a " + NodeMetricsReport.KIND + " body");
        }
        JsonNode nodeBody = body.path("node");
        if (!nodeBody.isObject()) {
            throw ApiException.badRequest("node: Required value");
        }
        ObjectNode node = ((ObjectNode) nodeBody).deepCopy();
        ObjectNode nodeMeta = node.with("metadata");
        nodeMeta.put("name", nodeName);
        Duration window = window(node.path("window").asText(""));
        String now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
        stamp(node, now, window);
        List<ObjectNode> pods = new ArrayList<>();
        for (JsonNode pod : body.path("pods")) {
            if (!pod.isObject() || pod.path("metadata").path("name").asText().isEmpty()
                    || pod.path("metadata").path("namespace").asText().isEmpty()) {
                throw ApiException.badRequest("pods: every entry needs metadata.namespace and metadata.name");
            }
            ObjectNode copy = ((ObjectNode) pod).deepCopy();
            stamp(copy, now, window);
            if (!copy.path("containers").isArray()) {
                copy.putArray("containers");
            }
            pods.add(copy);
        }
        registry.report(nodeName, node, pods, window);
    }

    /** Fills what the agent may leave out: the sample time and window. */
    private static void stamp(ObjectNode object, String now, Duration window) {
        if (object.path("timestamp").asText("").isEmpty()) {
            object.put("timestamp", now);
        }
        object.put("window", window.toMillis() % 1000 == 0 ? window.toSeconds() + "s" : window.toMillis() + "ms");
        object.with("metadata").put("creationTimestamp", now);
    }

    /** apiVersion and kind as a stand-alone object carries them. */
    private static ObjectNode complete(ResourceType type, ObjectNode object) {
        ObjectNode out = Json.object();
        out.put("kind", type.kind());
        out.put("apiVersion", type.apiVersion());
        object.fields().forEachRemaining(e -> {
            if (!e.getKey().equals("kind") && !e.getKey().equals("apiVersion")) {
                out.set(e.getKey(), e.getValue());
            }
        });
        return out;
    }

    /** A Go duration as agents write it ("15s", "500ms", "1m0s"); anything else is the default window. */
    static Duration window(String text) {
        try {
            Duration parsed = io.fabric8.kubernetes.api.model.Duration.parse(text).getDuration();
            return parsed.isNegative() || parsed.isZero() ? DEFAULT_WINDOW : parsed;
        } catch (java.text.ParseException | RuntimeException e) {
            return DEFAULT_WINDOW;
        }
    }
}
