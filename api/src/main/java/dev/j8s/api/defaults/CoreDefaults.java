package dev.j8s.api.defaults;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Defaults of the smaller core and networking types. */
final class CoreDefaults {

    private CoreDefaults() {}

    /** Namespaces carry the "kubernetes" finalizer, an Active phase and their own name as a label. */
    static void namespace(ObjectNode ns) {
        ObjectNode spec = Nodes.obj(ns, "spec");
        if (Nodes.absent(spec, "finalizers")) {
            spec.putArray("finalizers").add("kubernetes");
        }
        Nodes.put(Nodes.obj(ns, "status"), "phase", "Active");
        String name = ns.path("metadata").path("name").asText("");
        if (!name.isEmpty()) {
            Nodes.obj(Nodes.obj(ns, "metadata"), "labels").put("kubernetes.io/metadata.name", name);
        }
    }

    static void secret(ObjectNode secret) {
        Nodes.put(secret, "type", "Opaque");
    }

    static void persistentVolumeClaim(ObjectNode pvc) {
        Nodes.put(Nodes.obj(pvc, "spec"), "volumeMode", "Filesystem");
        Nodes.put(Nodes.obj(pvc, "status"), "phase", "Pending");
    }
}
