package dev.j8s.apiserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.j8s.api.ApiException;
import dev.j8s.api.ResourceType;
import dev.j8s.api.StatusCause;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code pods/binding} subresource: the scheduler's one write per pod. It sets
 * {@code spec.nodeName} exactly once (a bound pod answers 409) and marks the pod PodScheduled,
 * bypassing the pod update validation that keeps spec.nodeName immutable otherwise (as
 * Kubernetes' BindingREST does with a guaranteed update on the stored pod).
 */
final class PodBinding {

    private static final int ATTEMPTS = 5;

    private final ObjectStore objects;
    private final ObjectMetaPreparer meta;

    PodBinding(ObjectStore objects, ObjectMetaPreparer meta) {
        this.objects = objects;
        this.meta = meta;
    }

    /** Binds the pod {@code name}; returns the Status Success a create of a binding answers with. */
    ObjectNode bind(ResourceType pods, String namespace, String name, ObjectNode binding, boolean dryRun) {
        checkTypeMeta(binding);
        if (!name.equals(Objects.name(binding))) {
            throw ApiException.badRequest("name in URL does not match name in Binding object");
        }
        String node = validatedTarget(binding);
        for (int attempt = 1; ; attempt++) {
            ObjectNode pod = objects.require(pods, namespace, name);
            checkPreconditions(pods, name, pod, binding.path("metadata"));
            ObjectNode bound = assign(pod, node, binding.path("metadata").path("annotations"));
            if (dryRun) {
                return success();
            }
            try {
                objects.update(pods, bound, Objects.resourceVersion(pod));
                return success();
            } catch (ApiException e) {
                // A concurrent status write moved the pod on: re-read and re-check, as a guaranteed update does.
                if (e.code() != 409 || attempt >= ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private ObjectNode assign(ObjectNode pod, String node, JsonNode annotations) {
        String name = Objects.name(pod);
        if (Objects.isDeleting(pod)) {
            throw conflict(name, "pod " + name + " is being deleted, cannot be assigned to a host");
        }
        String current = pod.path("spec").path("nodeName").asText("");
        if (!current.isEmpty()) {
            throw conflict(name, "pod " + name + " is already assigned to node \"" + current + "\"");
        }
        if (pod.path("spec").path("schedulingGates").size() > 0) {
            throw conflict(name, "pod " + name + " has non-empty .spec.schedulingGates");
        }
        ObjectNode bound = pod.deepCopy();
        bound.with("spec").put("nodeName", node);
        if (annotations.isObject() && annotations.size() > 0) {
            Objects.metadata(bound).with("annotations").setAll((ObjectNode) annotations);
        }
        PodConditions.set(bound, "PodScheduled", "True", null, null, meta.now());
        return bound;
    }

    /** A binding may name the pod's uid and resourceVersion it was computed for. */
    private static void checkPreconditions(ResourceType pods, String name, ObjectNode pod, JsonNode bindingMeta) {
        String uid = bindingMeta.path("uid").asText("");
        if (!uid.isEmpty() && !uid.equals(Objects.uid(pod))) {
            throw ApiException.conflict(pods.group(), pods.plural(), name, "Precondition failed: UID in precondition: "
                    + uid + ", UID in object meta: " + Objects.uid(pod));
        }
        String rv = bindingMeta.path("resourceVersion").asText("");
        if (!rv.isEmpty() && !rv.equals(Long.toString(Objects.resourceVersion(pod)))) {
            throw ApiException.conflict(pods.group(), pods.plural(), name,
                    "Precondition failed: ResourceVersion in precondition: " + rv
                            + ", ResourceVersion in object meta: " + Objects.resourceVersion(pod));
        }
    }

    /** {@code ValidatePodBinding}: the target is a Node (kind empty or "Node") with a name. */
    private static String validatedTarget(ObjectNode binding) {
        JsonNode target = binding.path("target");
        List<StatusCause> causes = new ArrayList<>();
        String kind = target.path("kind").asText("");
        if (!kind.isEmpty() && !kind.equals("Node")) {
            causes.add(StatusCause.notSupported("target.kind", kind, List.of("Node", "<empty>")));
        }
        String node = target.path("name").asText("");
        if (node.isEmpty()) {
            causes.add(StatusCause.required("target.name"));
        }
        if (!causes.isEmpty()) {
            throw ApiException.invalid("", "Binding", Objects.name(binding), causes);
        }
        return node;
    }

    private static void checkTypeMeta(ObjectNode binding) {
        String apiVersion = binding.path("apiVersion").asText("");
        String kind = binding.path("kind").asText("");
        if (!apiVersion.isEmpty() && !apiVersion.equals("v1")) {
            throw ApiException.badRequest("the API version in the data (" + apiVersion
                    + ") does not match the expected API version (v1)");
        }
        if (!kind.isEmpty() && !kind.equals("Binding")) {
            throw ApiException.badRequest("the kind in the data (" + kind + ") does not match the expected kind (Binding)");
        }
    }

    private static ApiException conflict(String name, String detail) {
        return ApiException.conflict("", "pods/binding", name, detail);
    }

    /** Kubernetes answers a created subresource with {@code Status Success} carrying code 201. */
    static ObjectNode success() {
        return dev.j8s.apiserver.http.StatusResponses.success().put("code", 201);
    }
}
