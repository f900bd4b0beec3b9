package dev.j8s.client.informer;

import dev.j8s.client.informer.EventDispatcher.Kind;
import dev.j8s.client.informer.EventDispatcher.Notification;
import dev.j8s.client.time.Scheduler;
import dev.j8s.client.time.ThreadScheduler;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A local, indexed, always-current copy of one resource collection that several components share:
 * a {@link Reflector} feeds an {@link Indexer}, and every change is handed to the registered
 * {@link ResourceEventHandler}s in order by an {@link EventDispatcher}. Objects are decoded once
 * and the cached instances are the ones handlers receive.
 */
public final class SharedIndexInformer<T extends HasMetadata> implements AutoCloseable {

    /** Settings of one informer; resync zero (the default) means never. */
    public record Options(Duration resyncPeriod, Duration minWatchTimeout, int notificationCapacity) {
        public static final Options DEFAULTS = new Options(Duration.ZERO, Duration.ofMinutes(5), 4096);

        public Options withResync(Duration period) {
            return new Options(period, minWatchTimeout, notificationCapacity);
        }

        public Options withMinWatchTimeout(Duration timeout) {
            return new Options(resyncPeriod, timeout, notificationCapacity);
        }
    }

    private final String name;
    private final Options options;
    private final Indexer<T> indexer = new Indexer<>();
    private final Reflector<T> reflector;
    private final EventDispatcher<T> dispatcher;
    private final CountDownLatch synced = new CountDownLatch(1);
    /** Replaced, never mutated: each notification keeps the list of its moment. */
    private volatile List<ResourceEventHandler<T>> handlers = List.of();
    /** Serializes cache changes with the notifications they cause (reflector, resync, new handlers). */
    private final Object changes = new Object();
    private ThreadScheduler resyncTimer;
    private volatile boolean started;

    public SharedIndexInformer(String name, ListerWatcher<T> listerWatcher, Options options) {
        this.name = name;
        this.options = options;
        this.dispatcher = new EventDispatcher<>(name, options.notificationCapacity());
        this.reflector = new Reflector<>(name, listerWatcher, new CacheUpdater(), options.minWatchTimeout());
    }

    public String name() {
        return name;
    }

    public Indexer<T> indexer() {
        return indexer;
    }

    public void addIndex(String indexName, IndexFunction<T> function) {
        indexer.addIndex(indexName, function);
    }

    /**
     * Registers a handler. If the informer already holds objects the handler first receives them as
     * adds, then every later change, as client-go does for late handlers. Call it from any thread but
     * the informer's own (a handler registering another handler could wait on a full queue forever).
     */
    public void addEventHandler(ResourceEventHandler<T> handler) {
        synchronized (changes) {
            handlers = concat(handlers, handler);
            List<ResourceEventHandler<T>> only = List.of(handler);
            for (T object : indexer.list()) {
                dispatcher.enqueue(new Notification<>(Kind.ADD, null, object, only));
            }
        }
    }

    public synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        dispatcher.start();
        reflector.start();
        if (!options.resyncPeriod().isZero()) {
            resyncTimer = new ThreadScheduler("j8s-informer-" + name + "-resync");
            scheduleResync(resyncTimer);
        }
    }

    public boolean isStarted() {
        return started;
    }

    /** True once the first list is in the cache. */
    public boolean hasSynced() {
        return synced.getCount() == 0;
    }

    public boolean waitForSync(Duration timeout) throws InterruptedException {
        return synced.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public String lastSyncResourceVersion() {
        return reflector.lastResourceVersion();
    }

    /** How many lists the reflector made: 1 after start, one more after each relist. */
    public long lists() {
        return reflector.lists();
    }

    /** How many watches the reflector opened: more than one after dropped or timed-out watches. */
    public long watches() {
        return reflector.watches();
    }

    private void scheduleResync(Scheduler timer) {
        timer.schedule(options.resyncPeriod(), () -> {
            synchronized (changes) {
                List<ResourceEventHandler<T>> current = handlers;
                for (T object : indexer.list()) {
                    dispatcher.enqueue(new Notification<>(Kind.UPDATE, object, object, current));
                }
            }
            scheduleResync(timer);
        });
    }

    @Override
    public synchronized void close() {
        // The dispatcher stops first: a reflector waiting on a full notification queue is released.
        dispatcher.close();
        reflector.close();
        if (resyncTimer != null) {
            resyncTimer.close();
        }
    }

    private static <H> List<H> concat(List<H> list, H extra) {
        List<H> out = new ArrayList<>(list);
        out.add(extra);
        return List.copyOf(out);
    }

    /** Applies what the reflector reports to the cache and queues the matching notifications. */
    private final class CacheUpdater implements ReflectorSink<T> {

        @Override
        public void replace(List<T> objects, String resourceVersion) {
            synchronized (changes) {
                List<ResourceEventHandler<T>> current = handlers;
                for (String key : indexer.keysMissingFrom(objects)) {
                    T gone = indexer.remove(key);
                    dispatcher.enqueue(new Notification<>(Kind.DELETE, gone, null, current));
                }
                for (T object : objects) {
                    T old = indexer.put(object);
                    dispatcher.enqueue(old == null
                            ? new Notification<>(Kind.ADD, null, object, current)
                            : new Notification<>(Kind.UPDATE, old, object, current));
                }
            }
            synced.countDown();
        }

        @Override
        public void added(T object) {
            upsert(object);
        }

        @Override
        public void modified(T object) {
            upsert(object);
        }

        private void upsert(T object) {
            synchronized (changes) {
                T old = indexer.put(object);
                dispatcher.enqueue(old == null
                        ? new Notification<>(Kind.ADD, null, object, handlers)
                        : new Notification<>(Kind.UPDATE, old, object, handlers));
            }
        }

        @Override
        public void deleted(T object) {
            synchronized (changes) {
                // The event carries the object's final state, fresher than the cached one.
                indexer.remove(ObjectKeys.key(object));
                dispatcher.enqueue(new Notification<>(Kind.DELETE, object, null, handlers));
            }
        }
    }
}
