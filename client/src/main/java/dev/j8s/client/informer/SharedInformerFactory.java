package dev.j8s.client.informer;

import dev.j8s.api.ResourceType;
import dev.j8s.client.KubeClient;
import dev.j8s.client.ResourceClient;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One informer per resource type for every component of a process (scheduler, controllers), so a
 * collection is listed, watched and cached once. Informers are started together and stopped with
 * the factory.
 */
public final class SharedInformerFactory implements AutoCloseable {

    private final KubeClient client;
    private final String namespace;
    private final SharedIndexInformer.Options defaults;
    private final Map<Object, SharedIndexInformer<?>> informers = new LinkedHashMap<>();
    private boolean closed;

    /** Informers over all namespaces with {@link SharedIndexInformer.Options#DEFAULTS}. */
    public SharedInformerFactory(KubeClient client) {
        this(client, null, SharedIndexInformer.Options.DEFAULTS);
    }

    /** @param namespace limits every informer to one namespace; null for all */
    public SharedInformerFactory(KubeClient client, String namespace, SharedIndexInformer.Options defaults) {
        this.client = client;
        this.namespace = namespace;
        this.defaults = defaults;
    }

    public <T extends HasMetadata> SharedIndexInformer<T> informerFor(Class<T> modelClass) {
        return informerFor(client.resources(modelClass), defaults.resyncPeriod());
    }

    /** The shared informer; the first caller's resync period is the one it gets. */
    public <T extends HasMetadata> SharedIndexInformer<T> informerFor(Class<T> modelClass, Duration resync) {
        return informerFor(client.resources(modelClass), resync);
    }

    public SharedIndexInformer<GenericKubernetesResource> informerFor(ResourceType type) {
        return informerFor(client.resources(type), defaults.resyncPeriod());
    }

    @SuppressWarnings("unchecked")
    private synchronized <T extends HasMetadata> SharedIndexInformer<T> informerFor(ResourceClient<T> resources,
                                                                                  Duration resync) {
        if (closed) {
            throw new IllegalStateException("informer factory is closed");
        }
        ResourceType type = resources.type();
        return (SharedIndexInformer<T>) informers.computeIfAbsent(type.groupResource() + "/" + type.version(), k -> {
            SharedIndexInformer<T> informer = new SharedIndexInformer<>(type.groupResource(),
                    ListerWatcher.of(resources, namespace, null, null), defaults.withResync(resync));
            // client-go's factory gives every informer the namespace index, which listers use.
            if (type.namespaced()) {
                informer.addIndex(Indexes.NAMESPACE, Indexes.byNamespace());
            }
            return informer;
        });
    }

    /** Starts every informer asked for so far that is not running yet. */
    public synchronized void start() {
        informers.values().forEach(SharedIndexInformer::start);
    }

    /** Waits until every started informer has its first list cached. */
    public boolean waitForCacheSync(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<SharedIndexInformer<?>> all;
        synchronized (this) {
            all = new ArrayList<>(informers.values());
        }
        for (SharedIndexInformer<?> informer : all) {
            long left = deadline - System.nanoTime();
            if (!informer.waitForSync(Duration.ofNanos(Math.max(0, left)))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public synchronized void close() {
        closed = true;
        informers.values().forEach(SharedIndexInformer::close);
        informers.clear();
    }
}
