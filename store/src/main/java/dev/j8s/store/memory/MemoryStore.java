package dev.j8s.store.memory;

import dev.j8s.store.CompactedException;
import dev.j8s.store.ConflictException;
import dev.j8s.store.KeyExistsException;
import dev.j8s.store.KeyNotFoundException;
import dev.j8s.store.KeyValue;
import dev.j8s.store.ListResult;
import dev.j8s.store.Store;
import dev.j8s.store.Watch;
import dev.j8s.store.WatchEvent;
import dev.j8s.store.WatchHub;
import dev.j8s.store.WatchListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The store in memory, with the same semantics as the durable backends; for unit tests. */
public final class MemoryStore implements Store {

    private final TreeMap<String, KeyValue> data = new TreeMap<>();
    private final List<WatchEvent> history = new ArrayList<>();
    private final ExecutorService dispatcher =
            Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("j8s-memstore-watch-", 0).factory());
    private final WatchHub hub = new WatchHub(1_000, dispatcher, 0);
    private long revision;
    private long compacted;

    @Override
    public synchronized long currentRevision() {
        return revision;
    }

    @Override
    public synchronized Optional<KeyValue> get(String key) {
        return Optional.ofNullable(data.get(key));
    }

    @Override
    public synchronized ListResult list(String prefix, String startAfter, int limit) {
        List<KeyValue> items = new ArrayList<>();
        long remaining = 0;
        Map<String, KeyValue> tail = startAfter == null ? data.tailMap(prefix, true) : data.tailMap(startAfter, false);
        for (Map.Entry<String, KeyValue> e : tail.entrySet()) {
            if (!e.getKey().startsWith(prefix)) {
                break;
            }
            if (limit > 0 && items.size() >= limit) {
                remaining++;
            } else {
                items.add(e.getValue());
            }
        }
        return new ListResult(items, revision, remaining);
    }

    @Override
    public synchronized long count(String prefix) {
        return list(prefix, null, 0).items().size();
    }

    @Override
    public synchronized KeyValue create(String key, byte[] value) {
        if (data.containsKey(key)) {
            throw new KeyExistsException(key);
        }
        long rev = ++revision;
        KeyValue kv = new KeyValue(key, value.clone(), rev, rev);
        data.put(key, kv);
        publish(new WatchEvent(WatchEvent.Type.PUT, kv, null));
        return kv;
    }

    @Override
    public synchronized KeyValue update(String key, byte[] value, long expectedModRevision) {
        KeyValue old = check(key, expectedModRevision);
        KeyValue kv = new KeyValue(key, value.clone(), old.createRevision(), ++revision);
        data.put(key, kv);
        publish(new WatchEvent(WatchEvent.Type.PUT, kv, old));
        return kv;
    }

    @Override
    public synchronized KeyValue delete(String key, long expectedModRevision) {
        KeyValue old = check(key, expectedModRevision);
        data.remove(key);
        KeyValue kv = new KeyValue(key, old.value(), old.createRevision(), ++revision);
        publish(new WatchEvent(WatchEvent.Type.DELETE, kv, old));
        return kv;
    }

    private KeyValue check(String key, long expected) {
        KeyValue old = data.get(key);
        if (old == null) {
            throw new KeyNotFoundException(key);
        }
        if (expected != 0 && expected != old.modRevision()) {
            throw new ConflictException(key);
        }
        return old;
    }

    private void publish(WatchEvent event) {
        history.add(event);
        hub.publish(List.of(event));
    }

    @Override
    public synchronized Watch watch(String prefix, long fromRevision, WatchListener listener) {
        return hub.subscribe(prefix, fromRevision, listener, this::historyAfter, rev -> rev < compacted);
    }

    private List<WatchEvent> historyAfter(long after, String prefix) {
        if (after < compacted) {
            throw new CompactedException("required revision " + after + " has been compacted");
        }
        return history.stream().filter(e -> e.revision() > after && e.kv().key().startsWith(prefix)).toList();
    }

    @Override
    public synchronized void compact(long rev) {
        compacted = Math.max(compacted, Math.min(rev, revision));
        history.removeIf(e -> e.revision() <= compacted);
    }

    @Override
    public synchronized long compactedRevision() {
        return compacted;
    }

    @Override
    public void close() {
        hub.close();
        dispatcher.shutdownNow();
    }
}
