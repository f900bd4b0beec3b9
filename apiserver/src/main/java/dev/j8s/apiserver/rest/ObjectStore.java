package dev.j8s.apiserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.j8s.api.ApiException;
import dev.j8s.api.Json;
import dev.j8s.api.ResourceRegistry;
import dev.j8s.api.ResourceType;
import dev.j8s.store.ConflictException;
import dev.j8s.store.KeyExistsException;
import dev.j8s.store.KeyNotFoundException;
import dev.j8s.store.KeyValue;
import dev.j8s.store.ListResult;
import dev.j8s.store.Store;
import java.io.IOException;
import java.util.Optional;

/**
 * API objects on top of the key-value {@link Store}: storage keys, serialization, and the
 * {@code resourceVersion} that is the entry's mod revision (never stored in the value, as
 * kube-apiserver does with etcd). A type kept in another resource's storage ({@link ResourceType#storedAs()})
 * is converted to the stored form on write and back to its own form on every read.
 */
public final class ObjectStore {

    private final Store store;

    public ObjectStore(Store store) {
        this.store = store;
    }

    public Store raw() {
        return store;
    }

    public static String key(ResourceType type, String namespace, String name) {
        String prefix = ResourceRegistry.storagePrefix(type);
        return type.namespaced() ? prefix + namespace + "/" + name : prefix + name;
    }

    /** Prefix for a list: all namespaces when {@code namespace} is null or the type is cluster-scoped. */
    public static String listPrefix(ResourceType type, String namespace) {
        String prefix = ResourceRegistry.storagePrefix(type);
        return type.namespaced() && namespace != null ? prefix + namespace + "/" : prefix;
    }

    public Optional<ObjectNode> get(ResourceType type, String namespace, String name) {
        return store.get(key(type, namespace, name)).map(kv -> decode(type, kv));
    }

    public ObjectNode require(ResourceType type, String namespace, String name) {
        return get(type, namespace, name)
                .orElseThrow(() -> ApiException.notFound(type.group(), type.plural(), name));
    }

    public ObjectNode create(ResourceType type, ObjectNode object) {
        String name = Objects.name(object);
        try {
            KeyValue kv = store.create(key(type, Objects.namespace(object), name), encode(type, object));
            return withVersion(object, kv.modRevision());
        } catch (KeyExistsException e) {
            throw ApiException.alreadyExists(type.group(), type.plural(), name);
        }
    }

    /** Compare-and-swap update; {@code expectedVersion} 0 means unconditional. */
    public ObjectNode update(ResourceType type, ObjectNode object, long expectedVersion) {
        String name = Objects.name(object);
        try {
            KeyValue kv = store.update(key(type, Objects.namespace(object), name), encode(type, object),
                    expectedVersion);
            return withVersion(object, kv.modRevision());
        } catch (KeyNotFoundException e) {
            throw ApiException.notFound(type.group(), type.plural(), name);
        } catch (ConflictException e) {
            throw ApiException.modified(type.group(), type.plural(), name);
        }
    }

    public ObjectNode delete(ResourceType type, String namespace, String name, long expectedVersion) {
        try {
            return decode(type, store.delete(key(type, namespace, name), expectedVersion));
        } catch (KeyNotFoundException e) {
            throw ApiException.notFound(type.group(), type.plural(), name);
        } catch (ConflictException e) {
            throw ApiException.modified(type.group(), type.plural(), name);
        }
    }

    /** Deletes every key under a prefix (objects already gone concurrently are fine). */
    public void deleteAll(String prefix) {
        String after = null;
        while (true) {
            ListResult page = store.list(prefix, after, 500);
            for (KeyValue kv : page.items()) {
                try {
                    store.delete(kv.key(), 0);
                } catch (KeyNotFoundException ignored) {
                    // Deleted concurrently: the goal is reached either way.
                }
                after = kv.key();
            }
            if (!page.hasMore()) {
                return;
            }
        }
    }

    public ListResult list(String prefix, String startAfter, int limit) {
        return store.list(prefix, startAfter, limit);
    }

    public static byte[] encode(ObjectNode object) {
        ObjectNode copy = object.deepCopy();
        JsonNode meta = copy.get("metadata");
        if (meta instanceof ObjectNode m) {
            m.remove("resourceVersion");
            m.remove("selfLink");
        }
        return Json.bytes(copy);
    }

    /** The stored form of an object of {@code type}. */
    public static byte[] encode(ResourceType type, ObjectNode object) {
        return encode(type.storedAs() == null ? object : type.storedAs().toStorage(object));
    }

    /** A stored entry as an object of {@code type}, converted from the storage resource's form if need be. */
    public static ObjectNode decode(ResourceType type, KeyValue kv) {
        ObjectNode stored = decode(kv);
        return type.storedAs() == null ? stored : type.storedAs().fromStorage(stored);
    }

    /** A stored entry in the form it is stored in. */
    public static ObjectNode decode(KeyValue kv) {
        try {
            ObjectNode object = (ObjectNode) Json.parse(kv.value());
            Objects.metadata(object).put("resourceVersion", Long.toString(kv.modRevision()));
            return object;
        } catch (IOException | ClassCastException e) {
            throw ApiException.internal("stored object " + kv.key() + " is not valid JSON");
        }
    }

    private static ObjectNode withVersion(ObjectNode object, long revision) {
        ObjectNode copy = object.deepCopy();
        Objects.metadata(copy).put("resourceVersion", Long.toString(revision));
        return copy;
    }
}
