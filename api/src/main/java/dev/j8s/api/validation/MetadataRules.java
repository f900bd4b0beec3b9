package dev.j8s.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.j8s.api.ResourceType;
import dev.j8s.api.StatusCause;
import dev.j8s.api.selector.LabelSyntax;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** ObjectMeta validation (apimachinery ValidateObjectMeta and ValidateObjectMetaUpdate). */
final class MetadataRules {

    private static final int MAX_ANNOTATIONS_BYTES = 256 * 1024;
    private static final Set<String> LABEL_NAMED = Set.of("/Namespace", "/Service");
    private static final Set<String> PATH_SEGMENT_NAMED = Set.of("rbac.authorization.k8s.io/Role",
            "rbac.authorization.k8s.io/ClusterRole", "rbac.authorization.k8s.io/RoleBinding",
            "rbac.authorization.k8s.io/ClusterRoleBinding", "/Node", "/Event", "events.k8s.io/Event");

    private MetadataRules() {}

    static void validate(ResourceType type, JsonNode object, JsonNode old, List<StatusCause> out) {
        JsonNode meta = object.path("metadata");
        String name = meta.path("name").asText("");
        if (name.isEmpty()) {
            out.add(StatusCause.required("metadata.name"));
        } else {
            String kind = type.group() + "/" + type.kind();
            if (LABEL_NAMED.contains(kind)) {
                Names.dnsLabel("metadata.name", name, out);
            } else if (PATH_SEGMENT_NAMED.contains(kind)) {
                Names.pathSegment("metadata.name", name, out);
            } else {
                Names.dnsSubdomain("metadata.name", name, out);
            }
        }
        labels(meta.path("labels"), out);
        annotations(meta.path("annotations"), out);
        if (old != null) {
            JsonNode oldMeta = old.path("metadata");
            for (String field : new String[] {"name", "namespace", "uid", "creationTimestamp"}) {
                if (!Objects.equals(oldMeta.path(field).asText(""), meta.path(field).asText(""))) {
                    out.add(StatusCause.invalid("metadata." + field, meta.path(field).asText(""), "field is immutable"));
                }
            }
        }
    }

    private static void labels(JsonNode labels, List<StatusCause> out) {
        if (!labels.isObject()) {
            return;
        }
        for (Map.Entry<String, JsonNode> e : iterable(labels)) {
            for (String err : LabelSyntax.keyErrors(e.getKey())) {
                out.add(StatusCause.invalid("metadata.labels", e.getKey(), err));
            }
            for (String err : LabelSyntax.valueErrors(e.getValue().asText())) {
                out.add(StatusCause.invalid("metadata.labels", e.getValue().asText(), err));
            }
        }
    }

    private static void annotations(JsonNode annotations, List<StatusCause> out) {
        if (!annotations.isObject()) {
            return;
        }
        long size = 0;
        for (Map.Entry<String, JsonNode> e : iterable(annotations)) {
            for (String err : LabelSyntax.keyErrors(e.getKey())) {
                out.add(StatusCause.invalid("metadata.annotations", e.getKey(), err));
            }
            size += e.getKey().getBytes(StandardCharsets.UTF_8).length
                    + e.getValue().asText().getBytes(StandardCharsets.UTF_8).length;
        }
        if (size > MAX_ANNOTATIONS_BYTES) {
            out.add(StatusCause.tooLong("metadata.annotations", MAX_ANNOTATIONS_BYTES));
        }
    }

    static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode node) {
        return node::fields;
    }
}
