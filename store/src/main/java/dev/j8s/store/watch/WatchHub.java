package dev.j8s.store.watch;

import dev.j8s.store.KeyPrefix;
import dev.j8s.store.StoreException;
import dev.j8s.store.Watch;
import dev.j8s.store.WatchEvent;
import dev.j8s.store.WatchListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Fans committed events out to watches. The store publishes each commit's events in revision
 * order; the hub keeps the most recent ones in a ring so that most watches start from memory.
 *
 * <p>Registration and publication share one lock, which is what makes replay and live delivery
 * meet without a gap or a duplicate: a new watch replays exactly the events up to the last
 * published revision and is registered before the next publication.
 */
public final class WatchHub implements AutoCloseable {
    private final Object lock = new Object();
    private final EventRing ring;
    private final EventHistory history;
    private final int watchQueueCapacity;
    private final List<WatchSubscription> subscriptions = new CopyOnWriteArrayList<>();
    private final ExecutorService delivery;
    private long lastPublished;
    private boolean closed;

    /**
     * @param startRevision the store revision when the hub starts (every later event is published)
     * @param ringCapacity how many recent events to keep in memory for replay
     * @param watchQueueCapacity how many live events one watch may have queued before it is ended
     */
    public WatchHub(long startRevision, int ringCapacity, int watchQueueCapacity, EventHistory history) {
        if (watchQueueCapacity < 1) {
            throw new IllegalArgumentException("watch queue capacity must be positive: " + watchQueueCapacity);
        }
        this.ring = new EventRing(ringCapacity, startRevision);
        this.history = history;
        this.watchQueueCapacity = watchQueueCapacity;
        this.lastPublished = startRevision;
        // Virtual threads: a listener that blocks holds no platform thread and stalls no other watch.
        this.delivery = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("j8s-store-watch-", 0).factory());
    }

    /** Publishes committed events, which must come in increasing revision order. */
    public void publish(List<WatchEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        synchronized (lock) {
            for (WatchEvent event : events) {
                if (event.revision() <= lastPublished) {
                    throw new IllegalStateException("event revision " + event.revision()
                            + " published after " + lastPublished);
                }
                ring.add(event);
                lastPublished = event.revision();
                for (WatchSubscription subscription : subscriptions) {
                    if (subscription.prefix().matches(event.kv().key())) {
                        subscription.offer(event);
                    }
                }
            }
        }
    }

    /**
     * Starts a watch for events after {@code fromRevision} (0 = from the last published one).
     * The caller has already checked {@code fromRevision} against the compacted revision.
     */
    public Watch subscribe(String prefix, long fromRevision, WatchListener listener) {
        WatchSubscription subscription;
        synchronized (lock) {
            if (closed) {
                throw new StoreException("store is closed");
            }
            long from = fromRevision == 0 ? lastPublished : fromRevision;
            subscription = new WatchSubscription(KeyPrefix.of(prefix), from, listener, delivery, history,
                    watchQueueCapacity, subscriptions::remove);
            if (from >= ring.coveredAfter()) {
                subscription.startWithBacklog(ring.after(subscription.prefix(), from));
            } else {
                subscription.startWithHistory(from, lastPublished);
            }
            subscriptions.add(subscription);
        }
        subscription.schedule();
        return subscription;
    }

    public long lastPublished() {
        synchronized (lock) {
            return lastPublished;
        }
    }

    /** Ends every watch with {@code cause} and stops the delivery threads. */
    public void close(Throwable cause) {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        for (WatchSubscription subscription : subscriptions) {
            subscription.end(cause);
        }
        delivery.shutdown();
        try {
            if (!delivery.awaitTermination(5, TimeUnit.SECONDS)) {
                delivery.shutdownNow();
            }
        } catch (InterruptedException e) {
            delivery.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        close(new StoreException("store is closed"));
    }
}
