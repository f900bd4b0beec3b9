package dev.j8s.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.j8s.api.ResourceType;
import dev.j8s.client.transport.StreamingResponse;
import dev.j8s.client.transport.Transport;
import dev.j8s.client.transport.TransportRequest;
import dev.j8s.client.transport.TransportResponse;
import io.fabric8.kubernetes.api.model.DeleteOptions;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ListMeta;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The verbs on one resource type, typed as its fabric8 model class. {@code namespace} is ignored
 * for cluster-scoped types; null on a namespaced type lists and watches across all namespaces.
 * I/O failures surface as {@link UncheckedIOException}, refusals as {@link ApiStatusException}.
 */
public final class ResourceClient<T extends HasMetadata> {

    private static final String JSON = "application/json";

    private final Transport transport;
    private final ResourceType type;
    private final Class<T> modelClass;
    private final ObjectMapper mapper;
    private final ResponseDecoder decoder;
    private final JavaType objectType;
    private final JavaType listType;

    ResourceClient(Transport transport, ResourceType type, Class<T> modelClass, ObjectMapper mapper) {
        this.transport = transport;
        this.type = type;
        this.modelClass = modelClass;
        this.mapper = mapper;
        this.decoder = new ResponseDecoder(mapper);
        this.objectType = mapper.constructType(modelClass);
        this.listType = mapper.getTypeFactory().constructParametricType(ListEnvelope.class, modelClass);
    }

    public ResourceType type() {
        return type;
    }

    public Class<T> modelClass() {
        return modelClass;
    }

    public T get(String namespace, String name) {
        return call(TransportRequest.get(path(namespace, name, null)), objectType);
    }

    public ResourceList<T> list(String namespace, ListOptions options) {
        ListEnvelope<T> list = call(TransportRequest.get(path(namespace, null, null) + options.query()), listType);
        ListMeta meta = list.metadata == null ? new ListMeta() : list.metadata;
        String next = meta.getContinue() == null || meta.getContinue().isEmpty() ? null : meta.getContinue();
        return new ResourceList<>(list.items == null ? List.of() : list.items, meta.getResourceVersion(), next);
    }

    /** Opens a watch; the caller reads it with {@link WatchStream#next()} and closes it. */
    public WatchStream<T> watch(String namespace, WatchOptions options) {
        TransportRequest request = TransportRequest.get(path(namespace, null, null) + options.query());
        try {
            StreamingResponse response = transport.stream(request);
            if (!response.isSuccess()) {
                try (response) {
                    decoder.requireSuccess(response.status(), response.body().readAllBytes());
                }
            }
            return new WatchStream<>(response, mapper, objectType);
        } catch (IOException e) {
            throw new UncheckedIOException("watch " + type.groupResource() + " failed", e);
        }
    }

    public T create(T object) {
        String ns = object.getMetadata().getNamespace();
        return call(new TransportRequest("POST", path(ns, null, null), JSON, encode(object)), objectType);
    }

    /** Replaces the object; its metadata.resourceVersion makes the write conditional (409 Conflict if stale). */
    public T update(T object) {
        return put(object, null);
    }

    /** Replaces the status subresource: the server keeps the stored spec. */
    public T updateStatus(T object) {
        return put(object, "status");
    }

    public T patch(String namespace, String name, PatchType patchType, String patch) {
        return patch(namespace, name, null, patchType, patch);
    }

    public T patchStatus(String namespace, String name, PatchType patchType, String patch) {
        return patch(namespace, name, "status", patchType, patch);
    }

    /**
     * Deletes the object and returns its last state: gone (200) or still terminating with a deletion
     * timestamp (202, finalizers or foreground deletion pending); null when the server answered with a
     * Status instead of the object.
     */
    public T delete(String namespace, String name, DeleteOptions options) {
        TransportResponse response = send(new TransportRequest("DELETE", path(namespace, name, null),
                options == null ? null : JSON, options == null ? null : encode(options)));
        decoder.requireSuccess(response.status(), response.body());
        try {
            JsonNode body = mapper.readTree(response.body());
            return type.kind().equals(body.path("kind").asText()) ? mapper.treeToValue(body, objectType) : null;
        } catch (IOException e) {
            throw new UncheckedIOException("undecodable delete response", e);
        }
    }

    /** Creates a subresource object (pods/binding, pods/eviction) named by {@code name}. */
    public <R> R createSubresource(String namespace, String name, String subresource, Object body,
                                   Class<R> responseClass) {
        TransportResponse response = send(new TransportRequest("POST", path(namespace, name, subresource), JSON,
                encode(body)));
        return decoder.decode(response, mapper.constructType(responseClass));
    }

    private T patch(String namespace, String name, String subresource, PatchType patchType, String patch) {
        return call(new TransportRequest("PATCH", path(namespace, name, subresource), patchType.contentType(),
                patch.getBytes(StandardCharsets.UTF_8)), objectType);
    }

    private T put(T object, String subresource) {
        String ns = object.getMetadata().getNamespace();
        String name = object.getMetadata().getName();
        return call(new TransportRequest("PUT", path(ns, name, subresource), JSON, encode(object)), objectType);
    }

    private <R> R call(TransportRequest request, JavaType responseType) {
        return decoder.decode(send(request), responseType);
    }

    private TransportResponse send(TransportRequest request) {
        try {
            return transport.send(request);
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.pathAndQuery() + " failed", e);
        }
    }

    private byte[] encode(Object object) {
        try {
            return mapper.writeValueAsBytes(object);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** "/api/v1/namespaces/ns/pods/name/status", without the parts that are null. */
    String path(String namespace, String name, String subresource) {
        StringBuilder path = new StringBuilder(type.pathPrefix());
        if (type.namespaced() && namespace != null && !namespace.isEmpty()) {
            path.append("/namespaces/").append(namespace);
        }
        path.append('/').append(type.plural());
        if (name != null) {
            path.append('/').append(name);
            if (subresource != null) {
                path.append('/').append(subresource);
            }
        }
        return path.toString();
    }
}
