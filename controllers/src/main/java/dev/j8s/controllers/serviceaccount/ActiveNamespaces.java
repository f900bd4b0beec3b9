package dev.j8s.controllers.serviceaccount;

import io.fabric8.kubernetes.api.model.Namespace;

/** Whether a namespace still takes new objects: it exists and is not terminating. */
final class ActiveNamespaces {

    private ActiveNamespaces() {}

    static boolean isActive(Namespace namespace) {
        return namespace != null
                && namespace.getMetadata().getDeletionTimestamp() == null
                && (namespace.getStatus() == null || !"Terminating".equals(namespace.getStatus().getPhase()));
    }
}
