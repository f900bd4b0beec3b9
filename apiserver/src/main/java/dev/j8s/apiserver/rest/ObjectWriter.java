package dev.j8s.apiserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.j8s.api.ApiException;
import dev.j8s.api.ResourceRegistry;
import dev.j8s.api.ResourceType;
import dev.j8s.api.apply.FieldManager;
import dev.j8s.api.apply.FieldSchemas;
import dev.j8s.apiserver.admission.ResourceAdmission;
import dev.j8s.apiserver.crd.CustomResourceTypes;
import dev.j8s.apiserver.servicenet.ServiceAllocator;

/**
 * Create and update of API objects: type and namespace checks, server-owned metadata, admission,
 * then a compare-and-swap write to the store.
 */
public final class ObjectWriter {

    private final ObjectStore objects;
    private final ResourceRegistry registry;
    private final ObjectMetaPreparer meta;
    private final ResourceAdmission admission;
    private final ServiceAllocator services;

    public ObjectWriter(ObjectStore objects, ResourceRegistry registry, ObjectMetaPreparer meta,
                        ResourceAdmission admission, ServiceAllocator services) {
        this.objects = objects;
        this.registry = registry;
        this.meta = meta;
        this.admission = admission;
        this.services = services;
    }

    public ObjectMetaPreparer meta() {
        return meta;
    }

    public ObjectNode create(ResourceType type, String namespace, ObjectNode body, WriteOptions options) {
        checkTypeMeta(type, body);
        Admission.checkFields(type, body, options.fieldValidation(), options.warnings());
        ObjectNode object = body.deepCopy();
        object.put("apiVersion", type.apiVersion());
        object.put("kind", type.kind());
        placeInNamespace(type, namespace, object);
        meta.prepareForCreate(type, object);
        if (CustomResourceTypes.isDefinition(type)) {
            CustomResourceTypes.establish(object, java.time.Instant.parse(meta.now()));
        }
        if (Objects.name(object) == null || Objects.name(object).isEmpty()) {
            throw ApiException.invalid(type.group(), type.kind(), "",
                    java.util.List.of(new dev.j8s.api.StatusCause("FieldValueRequired",
                            "name or generateName is required", "metadata.name")));
        }
        if (type.kind().equals("Job") && type.group().equals("batch")) {
            // The Job's generated selector names its uid, so it is set here rather than in defaulting.
            dev.j8s.api.defaults.Defaulter.applyJobSelector(object, Objects.uid(object));
        }
        admission.mutate(type, object);
        Admission.defaultAndValidate(type, object, null);
        if (!options.applied()) {
            FieldManager.update(null, object, options.manager(), fieldTarget(type, null), meta.now());
        }
        requireNamespaceExists(type, object);
        admission.validate(type, object, options.dryRun());
        ServiceAllocator.Reservation reservation = isService(type)
                ? services.allocate(object, null, options.dryRun()) : null;
        if (options.dryRun()) {
            return object;
        }
        boolean generated = body.path("metadata").path("name").asText("").isEmpty();
        try {
            for (int attempt = 1; ; attempt++) {
                try {
                    return admission.charged(type, object, () -> objects.create(type, object));
                } catch (ApiException e) {
                    // Kubernetes 1.32 retries a generated name that is already taken (RetryGenerateName).
                    if (!generated || e.code() != 409 || attempt >= GENERATE_NAME_ATTEMPTS) {
                        throw e;
                    }
                    meta.regenerateName(object);
                }
            }
        } catch (RuntimeException e) {
            if (reservation != null) {
                reservation.rollback();
            }
            throw e;
        }
    }

    /** Services get cluster IPs and node ports on every write of their spec (the service REST storage's role). */
    private static boolean isService(ResourceType type) {
        return type.group().isEmpty() && type.plural().equals("services");
    }

    private static final int GENERATE_NAME_ATTEMPTS = 8;

    /**
     * Replaces an object (PUT). {@code subresource} is null for the main resource or "status".
     * A body without resourceVersion updates unconditionally, as Kubernetes allows for built-in types.
     */
    public ObjectNode update(ResourceType type, String namespace, String name, ObjectNode body, String subresource,
                             WriteOptions options) {
        checkTypeMeta(type, body);
        Admission.checkFields(type, body, options.fieldValidation(), options.warnings());
        String bodyName = Objects.name(body);
        if (!name.equals(bodyName)) {
            throw ApiException.badRequest("the name of the object (" + bodyName
                    + ") does not match the name on the URL (" + name + ")");
        }
        ObjectNode old = objects.require(type, namespace, name);
        long expected = Objects.resourceVersion(body);
        if (expected < 0) {
            throw ApiException.badRequest("invalid resourceVersion: " + body.path("metadata").path("resourceVersion"));
        }
        if (expected != 0 && expected != Objects.resourceVersion(old)) {
            throw ApiException.modified(type.group(), type.plural(), name);
        }
        ObjectNode object;
        if ("status".equals(subresource)) {
            object = meta.statusUpdate(old, body);
        } else {
            object = body.deepCopy();
            object.put("apiVersion", type.apiVersion());
            object.put("kind", type.kind());
            Objects.metadata(object).put("name", name);
            placeInNamespace(type, namespace, object);
            meta.prepareForUpdate(type, object, old);
        }
        return store(type, object, old, subresource, options);
    }

    /**
     * Writes an already-computed new state of {@code old} (used by patch and update), recording the
     * write's field manager unless server-side apply already did.
     */
    ObjectNode store(ResourceType type, ObjectNode object, ObjectNode old, String subresource, WriteOptions options) {
        boolean service = isService(type) && subresource == null;
        if (service) {
            services.prepareForUpdate(object, old);
        }
        Admission.defaultAndValidate(type, object, old);
        if (!options.applied()) {
            FieldManager.update(old, object, options.manager(), fieldTarget(type, subresource), meta.now());
        }
        long oldVersion = Objects.resourceVersion(old);
        Objects.metadata(object).put("resourceVersion", Long.toString(oldVersion));
        if (object.equals(old)) {
            return old;
        }
        if (Objects.isDeleting(object) && !Objects.hasFinalizers(object) && !options.dryRun()) {
            // The last finalizer is gone: the pending deletion completes now.
            return objects.delete(type, Objects.namespace(object), Objects.name(object), oldVersion);
        }
        ServiceAllocator.Reservation reservation = service ? services.allocate(object, old, options.dryRun()) : null;
        if (options.dryRun()) {
            return object;
        }
        if (reservation == null) {
            return objects.update(type, object, oldVersion);
        }
        ObjectNode stored;
        try {
            stored = objects.update(type, object, oldVersion);
        } catch (RuntimeException e) {
            reservation.rollback(objects.get(type, Objects.namespace(object), Objects.name(object)).orElse(null));
            throw e;
        }
        services.releaseReplaced(old, stored);
        return stored;
    }

    /** Where field management of a write to {@code type} (or its {@code subresource}) happens. */
    static FieldManager.Target fieldTarget(ResourceType type, String subresource) {
        return new FieldManager.Target(FieldSchemas.of(type), type.apiVersion(), subresource,
                type.hasSubresource("status"));
    }

    /** apiVersion and kind in a body must name the endpoint's type when present. */
    static void checkTypeMeta(ResourceType type, JsonNode body) {
        String apiVersion = body.path("apiVersion").asText("");
        String kind = body.path("kind").asText("");
        if (!apiVersion.isEmpty() && !apiVersion.equals(type.apiVersion())) {
            throw ApiException.badRequest("the API version in the data (" + apiVersion
                    + ") does not match the expected API version (" + type.apiVersion() + ")");
        }
        if (!kind.isEmpty() && !kind.equals(type.kind())) {
            throw ApiException.badRequest("the kind in the data (" + kind
                    + ") does not match the expected kind (" + type.kind() + ")");
        }
        JsonNode meta = body.get("metadata");
        if (meta != null && !meta.isObject() && !meta.isNull()) {
            throw ApiException.badRequest("metadata must be an object");
        }
    }

    private static void placeInNamespace(ResourceType type, String namespace, ObjectNode object) {
        ObjectNode meta = Objects.metadata(object);
        if (!type.namespaced()) {
            meta.remove("namespace");
            return;
        }
        String given = meta.path("namespace").asText("");
        if (namespace == null) {
            throw ApiException.badRequest("the namespace of the object must be given in the request path");
        }
        if (!given.isEmpty() && !given.equals(namespace)) {
            throw ApiException.badRequest("the namespace of the provided object does not match the namespace sent "
                    + "on the request");
        }
        meta.put("namespace", namespace);
    }

    private void requireNamespaceExists(ResourceType type, ObjectNode object) {
        if (!type.namespaced()) {
            return;
        }
        String namespace = Objects.namespace(object);
        ResourceType namespaces = registry.byResource("", "v1", "namespaces").orElseThrow();
        ObjectNode ns = objects.get(namespaces, null, namespace)
                .orElseThrow(() -> ApiException.notFound("", "namespaces", namespace));
        if (Objects.isDeleting(ns)) {
            throw ApiException.forbidden(type.groupResource() + " \"" + Objects.name(object) + "\" is forbidden: unable to "
                    + "create new content in namespace " + namespace + " because it is being terminated");
        }
    }
}
