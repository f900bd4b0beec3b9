package dev.j8s.store;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongFunction;

/**
 * Fans committed events out to watches, shared by the store backends. Keeps the most recent events
 * in a ring so a watch that starts a little in the past replays from memory; older starts replay
 * through a backend-provided history reader. Each watch has a bounded queue drained by one task at
 * a time, so a slow watcher is cut off instead of slowing writers down.
 */
public final class WatchHub implements AutoCloseable {

    /** Reads committed events after a revision, in order, from durable history. */
    public interface History {
        List<WatchEvent> after(long revision, String prefix);
    }

    private static final int WATCH_QUEUE = 100_000;

    private final ArrayDeque<WatchEvent> recent = new ArrayDeque<>();
    private final int recentCapacity;
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private final ExecutorService dispatcher;
    private long lastRevision;

    public WatchHub(int recentCapacity, ExecutorService dispatcher, long lastRevision) {
        this.recentCapacity = recentCapacity;
        this.dispatcher = dispatcher;
        this.lastRevision = lastRevision;
    }

    /** Publishes events of one commit, in revision order. Called by the single writer. */
    public synchronized void publish(List<WatchEvent> events) {
        for (WatchEvent e : events) {
            // A copy: the live event's memo (decoded objects, encoded lines) must die with its delivery.
            recent.addLast(e.copy());
            if (recent.size() > recentCapacity) {
                recent.removeFirst();
            }
            lastRevision = e.revision();
        }
        for (Subscription s : subscriptions) {
            for (WatchEvent e : events) {
                s.offer(e);
            }
        }
    }

    /**
     * Starts a watch after {@code fromRevision}: replays what it missed (from memory or history),
     * then delivers live events, with no gap and no duplicate.
     */
    public synchronized Watch subscribe(String prefix, long fromRevision, WatchListener listener, History history,
                                        LongFunction<Boolean> compacted) {
        long from = fromRevision == 0 ? lastRevision : fromRevision;
        if (fromRevision != 0 && compacted.apply(fromRevision)) {
            throw new CompactedException("required revision " + fromRevision + " has been compacted");
        }
        Subscription s = new Subscription(prefix, listener);
        if (from < lastRevision) {
            List<WatchEvent> missed;
            WatchEvent oldest = recent.peekFirst();
            if (oldest != null && oldest.revision() <= from + 1) {
                missed = new ArrayList<>();
                for (WatchEvent e : recent) {
                    if (e.revision() > from) {
                        missed.add(e.copy());
                    }
                }
            } else {
                missed = history.after(from, prefix);
            }
            for (WatchEvent e : missed) {
                s.offer(e);
            }
        }
        subscriptions.add(s);
        return s;
    }

    public synchronized long lastRevision() {
        return lastRevision;
    }

    @Override
    public void close() {
        for (Subscription s : subscriptions) {
            s.end(new StoreException("store closed"));
        }
        subscriptions.clear();
    }

    private final class Subscription implements Watch {
        private final String prefix;
        private final WatchListener listener;
        private final BlockingQueue<WatchEvent> queue = new ArrayBlockingQueue<>(WATCH_QUEUE);
        private final AtomicBoolean draining = new AtomicBoolean();
        private final AtomicBoolean closed = new AtomicBoolean();

        Subscription(String prefix, WatchListener listener) {
            this.prefix = prefix;
            this.listener = listener;
        }

        void offer(WatchEvent e) {
            if (closed.get() || !e.kv().key().startsWith(prefix)) {
                return;
            }
            if (!queue.offer(e)) {
                end(new StoreException("watcher fell too far behind"));
                return;
            }
            schedule();
        }

        private void schedule() {
            if (draining.compareAndSet(false, true)) {
                try {
                    dispatcher.execute(this::drain);
                } catch (java.util.concurrent.RejectedExecutionException ex) {
                    draining.set(false);
                }
            }
        }

        private void drain() {
            try {
                for (WatchEvent e; !closed.get() && (e = queue.poll()) != null; ) {
                    try {
                        listener.onEvent(e);
                    } catch (RuntimeException ex) {
                        end(ex);
                    }
                }
            } finally {
                draining.set(false);
            }
            if (!queue.isEmpty() && !closed.get()) {
                schedule();
            }
        }

        void end(Throwable cause) {
            if (closed.compareAndSet(false, true)) {
                subscriptions.remove(this);
                queue.clear();
                try {
                    listener.onClose(cause);
                } catch (RuntimeException ignored) {
                    // The listener is going away anyway.
                }
            }
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                subscriptions.remove(this);
                queue.clear();
            }
        }
    }
}
