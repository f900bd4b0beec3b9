package dev.j8s.store;

import java.util.Optional;

/**
 * The single source of truth: a revisioned key-value store with etcd 3 semantics.
 *
 * <p>Every successful write gets the next global revision (a monotonic 64-bit number); the API
 * server exposes it as {@code metadata.resourceVersion}. Values are opaque bytes (serialized API
 * objects without their resourceVersion, which is derived from {@link KeyValue#modRevision()}).
 *
 * <p>A write returns only after it is durable. Watches deliver every change after a given
 * revision, in revision order; asking for a revision older than the last compaction fails with
 * {@link CompactedException}.
 */
public interface Store extends AutoCloseable {

    /** The revision of the most recent write (0 for an empty store). */
    long currentRevision();

    Optional<KeyValue> get(String key);

    /**
     * Lists keys starting with {@code prefix} in key order, after {@code startAfter} (exclusive,
     * null to start at the beginning), at most {@code limit} of them (0 = no limit).
     */
    ListResult list(String prefix, String startAfter, int limit);

    /** Counts keys starting with {@code prefix}. */
    long count(String prefix);

    /** Creates a key that must not exist. */
    KeyValue create(String key, byte[] value) throws KeyExistsException;

    /**
     * Replaces a key's value if its current mod revision equals {@code expectedModRevision}
     * (0 = any revision, i.e. unconditional).
     */
    KeyValue update(String key, byte[] value, long expectedModRevision)
            throws KeyNotFoundException, ConflictException;

    /**
     * Deletes a key if its current mod revision equals {@code expectedModRevision} (0 = any).
     * Returns the deleted entry; its {@code modRevision} is the revision of the deletion.
     */
    KeyValue delete(String key, long expectedModRevision) throws KeyNotFoundException, ConflictException;

    /**
     * Watches keys starting with {@code prefix} for changes after {@code fromRevision} (exclusive).
     * Events are handed to {@code listener} on a store-owned thread, in revision order, never
     * concurrently for one watch. Close the returned {@link Watch} to stop.
     */
    Watch watch(String prefix, long fromRevision, WatchListener listener) throws CompactedException;

    /** Forgets the history at or before {@code revision}; watches from there on fail with 410. */
    void compact(long revision);

    /** The newest revision that has been compacted away (0 if none). */
    long compactedRevision();

    @Override
    void close();
}
