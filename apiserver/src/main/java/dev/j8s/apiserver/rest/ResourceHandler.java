package dev.j8s.apiserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.j8s.api.ApiException;
import dev.j8s.api.Json;
import dev.j8s.api.ResourceRegistry;
import dev.j8s.api.ResourceType;
import dev.j8s.apiserver.crd.CustomResourceTypes;
import dev.j8s.apiserver.http.ApiRequest;
import dev.j8s.apiserver.http.Responder;
import dev.j8s.apiserver.proxy.NodeProxy;
import dev.j8s.apiserver.serviceaccount.TokenRequests;
import dev.j8s.apiserver.metrics.ResourceMetricsHandler;
import java.util.List;

/** Maps HTTP verbs on resource paths to get, list, watch, create, update, patch and delete. */
public final class ResourceHandler {

    private final ResourceRegistry registry;
    private final ObjectStore objects;
    private final ObjectWriter writer;
    private final ObjectPatcher patcher;
    private final ObjectDeleter deleter;
    private final ObjectLister lister;
    private final WatchStreamer watcher;
    private final ScaleSubresource scale;
    private final PodBinding binding;
    private final PodEviction eviction;
    private final ResponseEncoder encoder;
    private final CustomResourceTypes customTypes;
    private final NodeProxy nodeProxy;
    private final TokenRequests tokenRequests;
    private final ResourceMetricsHandler metrics;
    private final java.time.Clock clock;

    public ResourceHandler(ResourceRegistry registry, ObjectStore objects, ObjectWriter writer, ObjectDeleter deleter,
                           WatchStreamer watcher, ResponseEncoder encoder, CustomResourceTypes customTypes,
                           NodeProxy nodeProxy, TokenRequests tokenRequests, ResourceMetricsHandler metrics,
                           java.time.Clock clock) {
        this.customTypes = customTypes;
        this.nodeProxy = nodeProxy;
        this.tokenRequests = tokenRequests;
        this.metrics = metrics;
        this.clock = clock;
        this.registry = registry;
        this.objects = objects;
        this.writer = writer;
        this.patcher = new ObjectPatcher(objects, writer);
        this.deleter = deleter;
        this.lister = new ObjectLister(objects);
        this.watcher = watcher;
        this.scale = new ScaleSubresource(objects, writer);
        this.binding = new PodBinding(objects, writer.meta());
        this.eviction = new PodEviction(objects, deleter, writer.meta(), registry);
        this.encoder = encoder;
    }

    /** The relay to node agents (pods/log, exec, attach, portforward, nodes/proxy). */
    public NodeProxy nodeProxy() {
        return nodeProxy;
    }

    public void handle(ResourcePath path, ApiRequest request, Responder responder) {
        ResourceType type = registry.byResource(path.group(), path.version(), path.plural())
                .orElseThrow(() -> ApiException.notFoundPath("the server could not find the requested resource"));
        if (path.namespace() != null && !type.namespaced()) {
            throw ApiException.notFoundPath("the server could not find the requested resource");
        }
        if (path.subresource() != null && !type.hasSubresource(path.subresource())) {
            throw ApiException.notFoundPath("the server could not find the requested resource");
        }
        if (path.name() != null && path.name().isEmpty()) {
            throw ApiException.notFoundPath("the server could not find the requested resource");
        }
        String ns = type.namespaced() ? path.namespace() : null;
        String sub = path.subresource();
        if (nodeProxy.handles(type, sub) && path.name() != null) {
            nodeProxy.servePod(ns, path.name(), sub, request, responder);
            return;
        }
        if (SelfSubjectReviews.handles(type)) {
            if (!request.method().equals("POST") || path.name() != null) {
                throw ApiException.methodNotAllowed("the server does not allow this method on the requested resource");
            }
            responder.send(ResponseEncoder.encode(request, 201, SelfSubjectReviews.answer(type,
                    BodyDecoder.object(request), request, clock)));
            return;
        }
        if (ResourceMetricsHandler.handles(type)) {
            metrics.handle(type, ns, path.name(), sub, request, responder);
            return;
        }
        if (AccessReviews.handles(type)) {
            if (!request.method().equals("POST") || path.name() != null) {
                throw ApiException.methodNotAllowed("the server does not allow this method on the requested resource");
            }
            responder.send(ResponseEncoder.encode(request, 201, AccessReviews.answer(type, BodyDecoder.object(request),
                    request)));
            return;
        }
        switch (request.method()) {
            case "GET" -> {
                if (path.name() == null) {
                    list(type, ns, request, responder);
                } else if ("scale".equals(sub)) {
                    responder.send(ResponseEncoder.encode(request, 200, scale.get(type, ns, path.name())));
                } else if (sub == null || "status".equals(sub)) {
                    responder.send(encoder.object(request, type, 200, objects.require(type, ns, path.name()), null));
                } else {
                    throw unsupported();
                }
            }
            case "POST" -> {
                if (path.name() != null) {
                    createSubresource(type, ns, path, request, responder);
                    return;
                }
                requireNamespace(type, ns);
                WriteOptions options = WriteOptions.from(request);
                ObjectNode body = BodyDecoder.object(request);
                if (CertificateSigningRequests.handles(type)) {
                    CertificateSigningRequests.stampRequester(body, request);
                }
                ObjectNode created = writer.create(type, ns, body, options);
                afterWrite(type, created, options.dryRun());
                responder.send(encoder.object(request, type, 201, created, options.warnings()));
            }
            case "PUT" -> {
                requireName(path);
                WriteOptions options = WriteOptions.from(request);
                ObjectNode body = BodyDecoder.object(request);
                if ("scale".equals(sub)) {
                    responder.send(ResponseEncoder.encode(request, 200, scale.update(type, ns, path.name(), body, options)));
                } else if (sub == null || "status".equals(sub)) {
                    ObjectNode updated = writer.update(type, ns, path.name(), body, sub, options);
                    afterWrite(type, updated, options.dryRun());
                    responder.send(encoder.object(request, type, 200, updated, options.warnings()));
                } else {
                    throw unsupported();
                }
            }
            case "PATCH" -> {
                requireName(path);
                WriteOptions options = WriteOptions.from(request);
                if ("scale".equals(sub)) {
                    responder.send(ResponseEncoder.encode(request, 200,
                            scale.patch(type, ns, path.name(), request.contentType(), request.body(), options)));
                } else if (sub == null || "status".equals(sub)) {
                    ObjectNode patched = patcher.patch(type, ns, path.name(), sub, request.contentType(),
                            request.body(), options);
                    afterWrite(type, patched, options.dryRun());
                    responder.send(encoder.object(request, type, 200, patched, options.warnings()));
                } else {
                    throw unsupported();
                }
            }
            case "DELETE" -> {
                if (sub != null) {
                    throw unsupported();
                }
                JsonNode options = deleteOptions(request);
                boolean dryRun = request.query().containsKey("dryRun") || options.path("dryRun").size() > 0;
                if (path.name() == null) {
                    deleteCollection(type, ns, request, options, dryRun, responder);
                } else {
                    ObjectDeleter.Result result = deleter.delete(type, ns, path.name(), options, dryRun);
                    if (result.finished() && !dryRun) {
                        afterDelete(type, result.object());
                    }
                    responder.send(encoder.object(request, type, result.finished() ? 200 : 202, result.object(), null));
                }
            }
            default -> throw ApiException.methodNotAllowed("the server does not allow this method on the requested "
                    + "resource");
        }
    }

    /**
     * POST to pods/binding and pods/eviction (both answer 201 with a Status Success) and serviceaccounts/token
     * (201 with the TokenRequest and its token).
     */
    private void createSubresource(ResourceType type, String ns, ResourcePath path, ApiRequest request,
                                   Responder responder) {
        String sub = path.subresource();
        if (type.group().isEmpty() && type.plural().equals("serviceaccounts") && "token".equals(sub)) {
            ObjectNode answer = tokenRequests.create(ns, path.name(), BodyDecoder.object(request),
                    WriteOptions.from(request).dryRun());
            responder.send(ResponseEncoder.encode(request, 201, answer));
            return;
        }
        boolean pods = type.group().isEmpty() && type.plural().equals("pods");
        if (!pods || sub == null || !(sub.equals("binding") || sub.equals("eviction"))) {
            throw unsupported();
        }
        boolean dryRun = WriteOptions.from(request).dryRun();
        ObjectNode body = BodyDecoder.object(request);
        ObjectNode status = sub.equals("binding")
                ? binding.bind(type, ns, path.name(), body, dryRun)
                : eviction.evict(type, ns, path.name(), body, dryRun);
        responder.send(ResponseEncoder.encode(request, 201, status));
    }

    private void list(ResourceType type, String ns, ApiRequest request, Responder responder) {
        ObjectFilter filter = ObjectFilter.of(type, request.param("labelSelector"), request.param("fieldSelector"));
        if (request.flag("watch")) {
            WatchStreamer.Options options = new WatchStreamer.Options(request.param("resourceVersion"),
                    parseLong(request.param("timeoutSeconds"), "timeoutSeconds"), request.flag("allowWatchBookmarks"),
                    encoder.watchEncoder(request, type));
            watcher.watch(type, ns, filter, options, responder, ResponseEncoder.watchContentType(request));
            return;
        }
        int limit = (int) Math.min(Integer.MAX_VALUE, parseLong(request.param("limit"), "limit"));
        ObjectLister.Page page = lister.list(type, ns, filter, limit, request.param("continue"));
        responder.send(encoder.list(request, type, page));
    }

    private void deleteCollection(ResourceType type, String ns, ApiRequest request, JsonNode options, boolean dryRun,
                                  Responder responder) {
        ObjectFilter filter = ObjectFilter.of(type, request.param("labelSelector"), request.param("fieldSelector"));
        ObjectLister.Page page = lister.list(type, ns, filter, 0, null);
        List<ObjectNode> deleted = new java.util.ArrayList<>();
        for (ObjectNode item : page.items()) {
            try {
                deleted.add(deleter.delete(type, Objects.namespace(item), Objects.name(item), options, dryRun).object());
            } catch (ApiException e) {
                if (e.code() != 404) {
                    throw e;
                }
            }
        }
        responder.send(encoder.list(request, type, new ObjectLister.Page(deleted, page.listMeta())));
    }

    /** A stored CustomResourceDefinition starts serving its resources at once. */
    private void afterWrite(ResourceType type, ObjectNode object, boolean dryRun) {
        if (!dryRun && CustomResourceTypes.isDefinition(type)) {
            customTypes.apply(object);
        }
    }

    /** A deleted CustomResourceDefinition takes its custom resources with it. */
    private void afterDelete(ResourceType type, ObjectNode object) {
        if (CustomResourceTypes.isDefinition(type)) {
            java.util.Set<String> prefixes = new java.util.HashSet<>();
            for (ResourceType withdrawn : customTypes.withdraw(Objects.name(object))) {
                prefixes.add(dev.j8s.api.ResourceRegistry.storagePrefix(withdrawn));
            }
            prefixes.forEach(objects::deleteAll);
        }
    }

    /** DeleteOptions come from the body (kubectl) or from query parameters (curl, client-go). */
    private static JsonNode deleteOptions(ApiRequest request) {
        ObjectNode options = Json.object();
        if (request.body().length > 0) {
            JsonNode body = BodyDecoder.object(request);
            options.setAll((ObjectNode) body);
        }
        String grace = request.param("gracePeriodSeconds");
        if (grace != null) {
            options.put("gracePeriodSeconds", parseLong(grace, "gracePeriodSeconds"));
        }
        String propagation = request.param("propagationPolicy");
        if (propagation != null) {
            options.put("propagationPolicy", propagation);
        }
        JsonNode policy = options.path("propagationPolicy");
        if (!policy.isMissingNode() && !policy.isNull()
                && !List.of("Orphan", "Background", "Foreground").contains(policy.asText())) {
            throw ApiException.badRequest("propagationPolicy: Unsupported value: \"" + policy.asText()
                    + "\": supported values: \"Foreground\", \"Background\", \"Orphan\"");
        }
        return options;
    }

    private static long parseLong(String value, String name) {
        if (value == null || value.isEmpty()) {
            return 0;
        }
        try {
            long v = Long.parseLong(value);
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name + ": Invalid value: \"" + value + "\": must be a non-negative integer");
        }
    }

    private static void requireName(ResourcePath path) {
        if (path.name() == null) {
            throw ApiException.methodNotAllowed("the server does not allow this method on the requested resource");
        }
    }

    private static void requireNamespace(ResourceType type, String ns) {
        if (type.namespaced() && ns == null) {
            throw ApiException.notFoundPath("the server could not find the requested resource");
        }
    }

    private static ApiException unsupported() {
        return ApiException.methodNotAllowed("the server does not allow this method on the requested resource");
    }
}
