package dev.j8s.client.informer;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A thread-safe cache of objects keyed "namespace/name", with named secondary indexes (client-go's
 * threadSafeStore). Reads by key take no lock. Cached objects are shared, never copied: callers
 * must not mutate what they get (copy, then change).
 */
public final class Indexer<T extends HasMetadata> {

    private final ConcurrentHashMap<String, T> items = new ConcurrentHashMap<>();
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, IndexFunction<T>> indexFunctions = new HashMap<>();
    /** index name → indexed value → keys. */
    private final Map<String, Map<String, Set<String>>> indices = new HashMap<>();

    public T get(String key) {
        return items.get(key);
    }

    public T get(String namespace, String name) {
        return items.get(ObjectKeys.key(namespace, name));
    }

    public int size() {
        return items.size();
    }

    /** A snapshot of every object (one list allocation; the objects themselves are shared). */
    public List<T> list() {
        return new ArrayList<>(items.values());
    }

    public List<String> keys() {
        return new ArrayList<>(items.keySet());
    }

    /** Objects filed under {@code value} in the index {@code indexName}. */
    public List<T> byIndex(String indexName, String value) {
        lock.readLock().lock();
        try {
            Map<String, Set<String>> index = indices.get(indexName);
            if (index == null) {
                throw new IllegalArgumentException("no index named " + indexName);
            }
            Set<String> keys = index.getOrDefault(value, Set.of());
            List<T> out = new ArrayList<>(keys.size());
            for (String key : keys) {
                T item = items.get(key);
                if (item != null) {
                    out.add(item);
                }
            }
            return out;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Adds an index; objects already cached are filed at once. */
    public void addIndex(String indexName, IndexFunction<T> function) {
        lock.writeLock().lock();
        try {
            if (indexFunctions.containsKey(indexName)) {
                throw new IllegalArgumentException("index " + indexName + " already exists");
            }
            indexFunctions.put(indexName, function);
            indices.put(indexName, new HashMap<>());
            items.forEach((key, item) -> file(indexName, function, key, item));
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Adds or replaces an object; returns the one it replaced, or null. */
    public T put(T object) {
        String key = ObjectKeys.key(object);
        lock.writeLock().lock();
        try {
            T old = items.put(key, object);
            if (old != null) {
                unfileAll(key, old);
            }
            indexFunctions.forEach((name, function) -> file(name, function, key, object));
            return old;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Removes the object under {@code key}; returns it, or null if it was not cached. */
    public T remove(String key) {
        lock.writeLock().lock();
        try {
            T old = items.remove(key);
            if (old != null) {
                unfileAll(key, old);
            }
            return old;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Keys cached now that are not among {@code objects} (what a relist deletes). */
    Set<String> keysMissingFrom(Collection<T> objects) {
        Set<String> missing = new HashSet<>(items.keySet());
        for (T object : objects) {
            missing.remove(ObjectKeys.key(object));
        }
        return missing;
    }

    private void file(String indexName, IndexFunction<T> function, String key, T object) {
        Map<String, Set<String>> index = indices.get(indexName);
        for (String value : function.values(object)) {
            index.computeIfAbsent(value, v -> new HashSet<>()).add(key);
        }
    }

    private void unfileAll(String key, T object) {
        indexFunctions.forEach((name, function) -> {
            Map<String, Set<String>> index = indices.get(name);
            for (String value : function.values(object)) {
                Set<String> keys = index.get(value);
                if (keys != null && keys.remove(key) && keys.isEmpty()) {
                    index.remove(value);
                }
            }
        });
    }
}
