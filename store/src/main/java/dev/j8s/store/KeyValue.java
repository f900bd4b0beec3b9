package dev.j8s.store;

/**
 * One stored entry. {@code createRevision} is the revision that created the key,
 * {@code modRevision} the revision of its last change (or of its deletion, in a DELETE event).
 */
public record KeyValue(String key, byte[] value, long createRevision, long modRevision) {}
