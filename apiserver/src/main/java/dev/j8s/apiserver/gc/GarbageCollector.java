package dev.j8s.apiserver.gc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.j8s.api.ApiException;
import dev.j8s.api.Json;
import dev.j8s.api.ResourceRegistry;
import dev.j8s.api.ResourceType;
import dev.j8s.apiserver.rest.ObjectStore;
import dev.j8s.apiserver.rest.Objects;
import dev.j8s.store.KeyValue;
import dev.j8s.store.ListResult;
import dev.j8s.store.Watch;
import dev.j8s.store.WatchEvent;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Garbage collection by {@code ownerReferences}, as Kubernetes' garbage collector does it:
 * when an owner is gone its dependents are deleted (Background); an owner deleted in the
 * Foreground keeps its {@code foregroundDeletion} finalizer until its dependents are gone; an
 * Orphan delete strips the owner's references from its dependents first.
 */
public final class GarbageCollector implements AutoCloseable {

    public static final String FOREGROUND = "foregroundDeletion";

    private static final Logger log = LoggerFactory.getLogger(GarbageCollector.class);

    /** Deletes one object as a client would (finalizers and grace periods respected). */
    public interface Deleter {
        void delete(ResourceType type, String namespace, String name, String propagationPolicy);
    }

    private final ResourceRegistry registry;
    private final ObjectStore objects;
    private final OwnerIndex index = new OwnerIndex();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "j8s-garbage-collector");
        t.setDaemon(true);
        return t;
    });
    private Deleter deleter;
    private Watch watch;

    public GarbageCollector(ResourceRegistry registry, ObjectStore objects) {
        this.registry = registry;
        this.objects = objects;
    }

    /** Indexes what is stored, then follows every change from that revision on. */
    public void start(Deleter deleter) {
        this.deleter = deleter;
        ListResult all = objects.list("/registry/", null, 0);
        for (KeyValue kv : all.items()) {
            index.put(kv.key(), ObjectStore.decode(kv));
        }
        watch = objects.raw().watch("/registry/", all.revision(), this::onEvent);
    }

    private void onEvent(WatchEvent event) {
        String key = event.kv().key();
        if (event.type() == WatchEvent.Type.DELETE) {
            index.remove(key);
            ObjectNode gone = ObjectStore.decode(event.kv());
            String uid = Objects.uid(gone);
            worker.execute(() -> {
                collectDependents(uid);
                releaseForegroundOwners(gone);
            });
        } else {
            if (!mentions(event.kv().value(), "ownerReferences") && !mentions(event.kv().value(), FOREGROUND)) {
                // The common case (no owners, no foreground deletion) costs no decoding.
                index.remove(key);
                return;
            }
            ObjectNode object = ObjectStore.decode(event.kv());
            if (index.put(key, object)) {
                // A dependent may name an owner that is already gone (a controller creating from a stale
                // cache while its owner is deleted): Kubernetes collects it once no owner exists.
                worker.execute(() -> collectIfOwnersGone(key));
            }
            if (Objects.isDeleting(object) && hasForegroundFinalizer(object)) {
                worker.execute(() -> collectForeground(key, object));
            }
        }
    }

    /** Orphan: every dependent forgets this owner before the owner is deleted. */
    public void orphan(String ownerUid) {
        for (String key : index.dependents(ownerUid)) {
            resolve(key).ifPresent(dep -> {
                try {
                    ObjectNode object = dep.object().deepCopy();
                    ArrayNode kept = Json.MAPPER.createArrayNode();
                    for (JsonNode ref : object.path("metadata").path("ownerReferences")) {
                        if (!ref.path("uid").asText().equals(ownerUid)) {
                            kept.add(ref);
                        }
                    }
                    if (kept.isEmpty()) {
                        Objects.metadata(object).remove("ownerReferences");
                    } else {
                        Objects.metadata(object).set("ownerReferences", kept);
                    }
                    objects.update(dep.type(), object, Objects.resourceVersion(dep.object()));
                    index.put(key, object);
                } catch (ApiException e) {
                    log.debug("orphaning {} failed: {}", key, e.getMessage());
                }
            });
        }
    }

    private void collectIfOwnersGone(String key) {
        resolve(key).ifPresent(dep -> {
            JsonNode refs = dep.object().path("metadata").path("ownerReferences");
            if (!refs.isArray() || refs.isEmpty() || Objects.isDeleting(dep.object())) {
                return;
            }
            for (JsonNode ref : refs) {
                boolean unknownKind = registry.byKind(ref.path("apiVersion").asText(), ref.path("kind").asText())
                        .isEmpty();
                // An owner of a kind j8s does not serve cannot be shown absent: leave the dependent alone.
                if (unknownKind || findByUid(ref, Objects.namespace(dep.object())).isPresent()) {
                    return;
                }
            }
            deleteQuietly(dep, "Background");
        });
    }

    private void collectDependents(String ownerUid) {
        for (String key : index.dependents(ownerUid)) {
            resolve(key).ifPresent(dep -> {
                if (ownerStillExists(dep.object(), ownerUid)) {
                    return;
                }
                deleteQuietly(dep, "Background");
            });
        }
    }

    private void collectForeground(String ownerKey, ObjectNode owner) {
        String uid = Objects.uid(owner);
        for (String key : index.dependents(uid)) {
            resolve(key).ifPresent(dep -> {
                if (!Objects.isDeleting(dep.object())) {
                    deleteQuietly(dep, "Foreground");
                }
            });
        }
        maybeFinishForeground(ownerKey, uid);
    }

    /** When a dependent goes, owners waiting in the foreground may now finish. */
    private void releaseForegroundOwners(ObjectNode gone) {
        for (JsonNode ref : gone.path("metadata").path("ownerReferences")) {
            String ownerUid = ref.path("uid").asText();
            findByUid(ref, Objects.namespace(gone)).ifPresent(owner -> {
                if (Objects.isDeleting(owner.object()) && hasForegroundFinalizer(owner.object())) {
                    maybeFinishForeground(owner.key(), ownerUid);
                }
            });
        }
    }

    private void maybeFinishForeground(String ownerKey, String ownerUid) {
        boolean blocked = false;
        for (String key : index.dependents(ownerUid)) {
            if (resolve(key).map(dep -> blocks(dep.object(), ownerUid)).orElse(false)) {
                blocked = true;
            }
        }
        if (blocked) {
            return;
        }
        resolve(ownerKey).ifPresent(owner -> {
            ObjectNode object = owner.object().deepCopy();
            ArrayNode finalizers = Json.MAPPER.createArrayNode();
            object.path("metadata").path("finalizers").forEach(f -> {
                if (!f.asText().equals(FOREGROUND)) {
                    finalizers.add(f);
                }
            });
            try {
                if (finalizers.isEmpty()) {
                    objects.delete(owner.type(), Objects.namespace(object), Objects.name(object),
                            Objects.resourceVersion(owner.object()));
                } else {
                    Objects.metadata(object).set("finalizers", finalizers);
                    objects.update(owner.type(), object, Objects.resourceVersion(owner.object()));
                }
            } catch (ApiException e) {
                log.debug("finishing foreground deletion of {} failed: {}", ownerKey, e.getMessage());
            }
        });
    }

    /** Dependents block a foreground owner unless they say blockOwnerDeletion: false... and only while they exist. */
    private static boolean blocks(ObjectNode dependent, String ownerUid) {
        for (JsonNode ref : dependent.path("metadata").path("ownerReferences")) {
            if (ref.path("uid").asText().equals(ownerUid)) {
                return ref.path("blockOwnerDeletion").asBoolean(false);
            }
        }
        return false;
    }

    private boolean ownerStillExists(ObjectNode dependent, String ownerUid) {
        for (JsonNode ref : dependent.path("metadata").path("ownerReferences")) {
            if (ref.path("uid").asText().equals(ownerUid)) {
                return findByUid(ref, Objects.namespace(dependent)).isPresent();
            }
        }
        return false;
    }

    private Optional<Stored> findByUid(JsonNode ref, String namespace) {
        String apiVersion = ref.path("apiVersion").asText();
        return registry.byKind(apiVersion, ref.path("kind").asText()).flatMap(type -> {
            String key = ObjectStore.key(type, type.namespaced() ? namespace : null, ref.path("name").asText());
            return resolve(key).filter(s -> Objects.uid(s.object()).equals(ref.path("uid").asText()));
        });
    }

    private void deleteQuietly(Stored dep, String policy) {
        try {
            deleter.delete(dep.type(), Objects.namespace(dep.object()), Objects.name(dep.object()), policy);
        } catch (ApiException e) {
            if (e.code() != 404) {
                log.debug("deleting dependent {} failed: {}", dep.key(), e.getMessage());
            }
        }
    }

    private record Stored(String key, ResourceType type, ObjectNode object) {}

    /** Finds a stored object by key: "/registry/<group>/<plural>/[<namespace>/]<name>". */
    private Optional<Stored> resolve(String key) {
        String[] parts = key.split("/");
        if (parts.length < 5) {
            return Optional.empty();
        }
        String group = parts[2].equals("core") ? "" : parts[2];
        for (ResourceType type : registry.all()) {
            if (type.group().equals(group) && type.plural().equals(parts[3])) {
                return objects.raw().get(key).map(kv -> new Stored(key, type, ObjectStore.decode(kv)));
            }
        }
        return Optional.empty();
    }

    private static boolean mentions(byte[] json, String word) {
        byte[] w = word.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + w.length <= json.length; i++) {
            for (int j = 0; j < w.length; j++) {
                if (json[i + j] != w[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static boolean hasForegroundFinalizer(JsonNode object) {
        for (JsonNode f : object.path("metadata").path("finalizers")) {
            if (f.asText().equals(FOREGROUND)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        if (watch != null) {
            watch.close();
        }
        worker.shutdownNow();
    }
}
