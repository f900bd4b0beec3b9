package dev.j8s.apiserver.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.j8s.api.ApiException;
import dev.j8s.api.Json;
import dev.j8s.api.ResourceRegistry;
import dev.j8s.api.ResourceType;
import dev.j8s.store.KeyValue;
import dev.j8s.store.ListResult;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Empties namespaces that are being deleted (phase Terminating), as Kubernetes' namespace
 * controller does: every object in them is deleted (objects with finalizers, or pods still
 * stopping, are waited for), then the namespace itself goes away.
 */
public final class NamespaceTerminator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NamespaceTerminator.class);
    private static final long RETRY_MILLIS = 500;

    private final ResourceRegistry registry;
    private final ObjectStore objects;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "j8s-namespace-terminator");
        t.setDaemon(true);
        return t;
    });
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    private ObjectDeleter deleter;

    public NamespaceTerminator(ResourceRegistry registry, ObjectStore objects) {
        this.registry = registry;
        this.objects = objects;
    }

    void attach(ObjectDeleter deleter) {
        this.deleter = deleter;
    }

    /** Starts (or resumes, after a restart) emptying a namespace. */
    public void terminate(String namespace) {
        if (pending.add(namespace)) {
            executor.execute(() -> step(namespace));
        }
    }

    /** Resumes the namespaces a previous run left Terminating. */
    public void resume() {
        ResourceType namespaces = namespaces();
        ListResult all = objects.list(ObjectStore.listPrefix(namespaces, null), null, 0);
        for (KeyValue kv : all.items()) {
            ObjectNode ns = ObjectStore.decode(kv);
            if (Objects.isDeleting(ns)) {
                terminate(Objects.name(ns));
            }
        }
    }

    private void step(String namespace) {
        try {
            if (deleteContents(namespace) == 0) {
                ObjectNode ns = objects.get(namespaces(), null, namespace).orElse(null);
                if (ns != null) {
                    objects.delete(namespaces(), null, namespace, 0);
                }
                pending.remove(namespace);
                return;
            }
        } catch (RuntimeException e) {
            log.warn("emptying namespace {} failed, will retry: {}", namespace, e.toString());
        }
        executor.schedule(() -> step(namespace), RETRY_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Deletes what it can; returns how many objects remain in the namespace. */
    private int deleteContents(String namespace) {
        int remaining = 0;
        for (ResourceType t : registry.all()) {
            if (!t.namespaced() || !t.supports("delete") || t.storedAs() != null
                    || !registry.byGroupKind(t.group(), t.kind()).get(0).equals(t)) {
                continue;
            }
            ListResult page = objects.list(ObjectStore.listPrefix(t, namespace), null, 0);
            for (KeyValue kv : page.items()) {
                ObjectNode object = ObjectStore.decode(kv);
                try {
                    if (!deleter.delete(t, namespace, Objects.name(object), Json.object(), false).finished()) {
                        remaining++;
                    }
                } catch (ApiException e) {
                    if (e.code() != 404) {
                        remaining++;
                    }
                }
            }
        }
        return remaining;
    }

    private ResourceType namespaces() {
        return registry.byResource("", "v1", "namespaces").orElseThrow();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
