package dev.j8s.store.memory;

import dev.j8s.store.CompactedException;
import dev.j8s.store.ConflictException;
import dev.j8s.store.KeyExistsException;
import dev.j8s.store.KeyNotFoundException;
import dev.j8s.store.KeyPrefix;
import dev.j8s.store.KeyValue;
import dev.j8s.store.ListResult;
import dev.j8s.store.Store;
import dev.j8s.store.StoreException;
import dev.j8s.store.Watch;
import dev.j8s.store.WatchEvent;
import dev.j8s.store.WatchListener;
import dev.j8s.store.watch.EventHistory;
import dev.j8s.store.watch.WatchHub;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * An in-memory {@link Store} for unit tests, with the same semantics as the durable backends:
 * global revisions, CAS, a change log for watches from old revisions, and compaction.
 */
public final class MemoryStore implements Store {
    private static final int DEFAULT_RING_CAPACITY = 10_000;
    private static final int DEFAULT_WATCH_QUEUE_CAPACITY = 10_000;

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final TreeMap<String, KeyValue> data = new TreeMap<>();
    private final TreeMap<Long, WatchEvent> changeLog = new TreeMap<>();
    private final WatchHub hub;
    private long revision;
    private long compactedRevision;
    private boolean closed;

    public MemoryStore() {
        this(DEFAULT_RING_CAPACITY, DEFAULT_WATCH_QUEUE_CAPACITY);
    }

    /** Small capacities let tests reach the history fallback and the slow-watcher limit. */
    public MemoryStore(int ringCapacity, int watchQueueCapacity) {
        this.hub = new WatchHub(0, ringCapacity, watchQueueCapacity, new LogHistory());
    }

    @Override
    public long currentRevision() {
        return read(() -> revision);
    }

    @Override
    public Optional<KeyValue> get(String key) {
        return read(() -> Optional.ofNullable(data.get(key)));
    }

    @Override
    public ListResult list(String prefix, String startAfter, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
        return read(() -> {
            NavigableMap<String, KeyValue> range = range(KeyPrefix.of(prefix));
            if (startAfter != null) {
                range = range.tailMap(startAfter, false);
            }
            List<KeyValue> items = new ArrayList<>();
            for (KeyValue kv : range.values()) {
                if (limit > 0 && items.size() == limit) {
                    break;
                }
                items.add(kv);
            }
            long remaining = items.isEmpty() ? 0 : range.tailMap(items.getLast().key(), false).size();
            return new ListResult(List.copyOf(items), revision, remaining);
        });
    }

    @Override
    public long count(String prefix) {
        return read(() -> (long) range(KeyPrefix.of(prefix)).size());
    }

    @Override
    public KeyValue create(String key, byte[] value) {
        return write(() -> {
            if (data.containsKey(key)) {
                throw new KeyExistsException("key already exists: " + key);
            }
            long rev = revision + 1;
            KeyValue kv = new KeyValue(key, value.clone(), rev, rev);
            commit(new WatchEvent(WatchEvent.Type.PUT, kv, null));
            return kv;
        });
    }

    @Override
    public KeyValue update(String key, byte[] value, long expectedModRevision) {
        return write(() -> {
            KeyValue prev = current(key, expectedModRevision);
            KeyValue kv = new KeyValue(key, value.clone(), prev.createRevision(), revision + 1);
            commit(new WatchEvent(WatchEvent.Type.PUT, kv, prev));
            return kv;
        });
    }

    @Override
    public KeyValue delete(String key, long expectedModRevision) {
        return write(() -> {
            KeyValue prev = current(key, expectedModRevision);
            KeyValue deleted = new KeyValue(key, prev.value(), prev.createRevision(), revision + 1);
            commit(new WatchEvent(WatchEvent.Type.DELETE, deleted, prev));
            return deleted;
        });
    }

    @Override
    public Watch watch(String prefix, long fromRevision, WatchListener listener) {
        return read(() -> {
            if (fromRevision != 0 && fromRevision < compactedRevision) {
                throw new CompactedException("revision " + fromRevision + " has been compacted (compacted up to "
                        + compactedRevision + ")");
            }
            return hub.subscribe(prefix, fromRevision, listener);
        });
    }

    @Override
    public void compact(long revisionToCompact) {
        write(() -> {
            long target = Math.min(revisionToCompact, revision);
            if (target > compactedRevision) {
                changeLog.headMap(target, true).clear();
                compactedRevision = target;
            }
            return null;
        });
    }

    @Override
    public long compactedRevision() {
        return read(() -> compactedRevision);
    }

    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
        } finally {
            lock.writeLock().unlock();
        }
        hub.close();
    }

    private KeyValue current(String key, long expectedModRevision) {
        KeyValue prev = data.get(key);
        if (prev == null) {
            throw new KeyNotFoundException("key not found: " + key);
        }
        if (expectedModRevision != 0 && prev.modRevision() != expectedModRevision) {
            throw new ConflictException("key " + key + " is at revision " + prev.modRevision()
                    + ", expected " + expectedModRevision);
        }
        return prev;
    }

    /** Applies one change; runs under the write lock so events reach the hub in revision order. */
    private void commit(WatchEvent event) {
        revision = event.revision();
        if (event.type() == WatchEvent.Type.DELETE) {
            data.remove(event.kv().key());
        } else {
            data.put(event.kv().key(), event.kv());
        }
        changeLog.put(revision, event);
        hub.publish(List.of(event));
    }

    private NavigableMap<String, KeyValue> range(KeyPrefix prefix) {
        String end = prefix.end();
        return end == null ? data.tailMap(prefix.prefix(), true) : data.subMap(prefix.prefix(), true, end, false);
    }

    private <T> T read(java.util.function.Supplier<T> action) {
        lock.readLock().lock();
        try {
            ensureOpen();
            return action.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    private <T> T write(java.util.function.Supplier<T> action) {
        lock.writeLock().lock();
        try {
            ensureOpen();
            return action.get();
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new StoreException("store is closed");
        }
    }

    private final class LogHistory implements EventHistory {
        @Override
        public List<WatchEvent> read(KeyPrefix prefix, long afterRevision, long upToRevision, int limit) {
            return MemoryStore.this.read(() -> {
                if (afterRevision < compactedRevision) {
                    throw new CompactedException("revision " + afterRevision + " has been compacted");
                }
                List<WatchEvent> events = new ArrayList<>();
                for (Map.Entry<Long, WatchEvent> entry : changeLog.subMap(afterRevision, false, upToRevision, true)
                        .entrySet()) {
                    if (events.size() == limit) {
                        break;
                    }
                    if (prefix.matches(entry.getValue().kv().key())) {
                        events.add(entry.getValue());
                    }
                }
                return events;
            });
        }
    }
}
