package dev.j8s.apiserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.j8s.api.ApiException;
import dev.j8s.api.CustomDefinition;
import dev.j8s.api.Json;
import dev.j8s.api.ResourceType;
import dev.j8s.api.selector.LabelSelector;
import io.fabric8.kubernetes.api.model.autoscaling.v1.Scale;

/**
 * The {@code scale} subresource (autoscaling/v1 Scale) of workloads: {@code kubectl scale}
 * reads and patches it, and the change lands in the parent's {@code spec.replicas}.
 */
public final class ScaleSubresource {

    private final ObjectStore objects;
    private final ObjectWriter writer;

    public ScaleSubresource(ObjectStore objects, ObjectWriter writer) {
        this.objects = objects;
        this.writer = writer;
    }

    public ObjectNode get(ResourceType type, String namespace, String name) {
        return toScale(type, objects.require(type, namespace, name));
    }

    public ObjectNode update(ResourceType type, String namespace, String name, ObjectNode scale, WriteOptions options) {
        ObjectNode parent = objects.require(type, namespace, name);
        long pinned = Objects.resourceVersion(scale);
        if (pinned != 0 && pinned != Objects.resourceVersion(parent)) {
            throw ApiException.modified(type.group(), type.plural(), name);
        }
        return setReplicas(type, parent, scale, options);
    }

    public ObjectNode patch(ResourceType type, String namespace, String name, String contentType, byte[] body,
                            WriteOptions options) {
        ObjectNode parent = objects.require(type, namespace, name);
        ObjectNode current = toScale(type, parent);
        String patchType = BodyDecoder.mediaType(contentType);
        ObjectPatcher.requireSupported(patchType, Scale.class);
        JsonNode patch = BodyDecoder.patch(body, patchType.equals(ObjectPatcher.APPLY_PATCH));
        ObjectNode scale = ObjectPatcher.apply(patchType, current, patch, Scale.class);
        return setReplicas(type, parent, scale, options);
    }

    private ObjectNode setReplicas(ResourceType type, ObjectNode parent, ObjectNode scale, WriteOptions options) {
        JsonNode replicas = scale.path("spec").path("replicas");
        if (!replicas.isMissingNode() && !replicas.isNull() && !replicas.canConvertToInt()) {
            throw ApiException.badRequest("spec.replicas must be an integer");
        }
        ObjectNode updated = parent.deepCopy();
        String[] path = Paths.of(type).specReplicas();
        ObjectNode holder = updated;
        for (int i = 0; i < path.length - 1; i++) {
            holder = holder.with(path[i]);
        }
        holder.put(path[path.length - 1], replicas.isMissingNode() || replicas.isNull() ? 0 : replicas.asInt());
        writer.meta().prepareForUpdate(type, updated, parent);
        return toScale(type, writer.store(type, updated, parent, "scale", options));
    }

    /**
     * Where a resource keeps what Scale shows: built-in workloads use spec.replicas, status.replicas and
     * the spec.selector object; a custom resource names its fields in the CRD's {@code subresources.scale}
     * (the label selector there is a string field, usually in status).
     */
    record Paths(String[] specReplicas, String[] statusReplicas, String[] selector, boolean selectorIsString) {

        static final Paths BUILTIN = new Paths(new String[] {"spec", "replicas"},
                new String[] {"status", "replicas"}, new String[] {"spec", "selector"}, false);

        static Paths of(ResourceType type) {
            if (type.custom() == null || type.custom().scale() == null) {
                return BUILTIN;
            }
            JsonNode scale = type.custom().scale();
            return new Paths(CustomDefinition.pathFields(scale.get("specReplicasPath")),
                    CustomDefinition.pathFields(scale.get("statusReplicasPath")),
                    CustomDefinition.pathFields(scale.get("labelSelectorPath")), true);
        }

        static JsonNode at(JsonNode object, String[] fields) {
            JsonNode node = object;
            for (String f : fields) {
                node = node.path(f);
            }
            return fields.length == 0 ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : node;
        }
    }

    static ObjectNode toScale(ResourceType type, ObjectNode parent) {
        Paths paths = Paths.of(type);
        ObjectNode scale = Json.object();
        scale.put("kind", "Scale");
        scale.put("apiVersion", "autoscaling/v1");
        ObjectNode meta = scale.putObject("metadata");
        JsonNode pm = parent.path("metadata");
        for (String f : new String[] {"name", "namespace", "uid", "resourceVersion", "creationTimestamp"}) {
            if (pm.has(f)) {
                meta.set(f, pm.get(f));
            }
        }
        scale.putObject("spec").put("replicas", Paths.at(parent, paths.specReplicas()).asInt(0));
        ObjectNode status = scale.putObject("status");
        status.put("replicas", Paths.at(parent, paths.statusReplicas()).asInt(0));
        JsonNode selectorNode = Paths.at(parent, paths.selector());
        String selector = paths.selectorIsString() ? selectorNode.asText("") : selectorString(selectorNode);
        if (!selector.isEmpty()) {
            status.put("selector", selector);
        }
        return scale;
    }

    /** metav1.LabelSelector (or a ReplicationController's plain map) → its string form, e.g. {@code app=web}. */
    static String selectorString(JsonNode selector) {
        if (!selector.isObject()) {
            return "";
        }
        JsonNode labelSelector = selector;
        if (!selector.has("matchLabels") && !selector.has("matchExpressions")) {
            labelSelector = Json.object().set("matchLabels", selector);
        }
        return LabelSelector.fromLabelSelectorJson(labelSelector).toString();
    }
}
