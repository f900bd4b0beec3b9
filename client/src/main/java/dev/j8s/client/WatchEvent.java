package dev.j8s.client;

import io.fabric8.kubernetes.api.model.Status;

/**
 * One event of a watch. ADDED, MODIFIED, DELETED and BOOKMARK carry an object (a BOOKMARK's holds
 * only metadata.resourceVersion); ERROR carries the Status instead (410 Expired: relist).
 */
public record WatchEvent<T>(Type type, T object, Status status) {

    public enum Type { ADDED, MODIFIED, DELETED, BOOKMARK, ERROR }
}
