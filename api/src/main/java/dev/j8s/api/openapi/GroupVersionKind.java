package dev.j8s.api.openapi;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A kind as OpenAPI's {@code x-kubernetes-group-version-kind} extension writes it. */
record GroupVersionKind(String group, String version, String kind) {

    /** {"group": ..., "kind": ..., "version": ...}: kubectl compares these maps for equality, so always all three keys. */
    ObjectNode toJson() {
        return JsonNodeFactory.instance.objectNode().put("group", group).put("kind", kind).put("version", version);
    }
}
