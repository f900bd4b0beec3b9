package dev.j8s.store.watch;

import dev.j8s.store.KeyPrefix;
import dev.j8s.store.StoreException;
import dev.j8s.store.Watch;
import dev.j8s.store.WatchEvent;
import dev.j8s.store.WatchListener;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One watch: replays its start (from the ring or the durable history), then the live events the
 * hub offers it. Delivery runs on the hub's executor, one drain task at a time per watch, so the
 * listener is never called concurrently. The live queue is bounded: a watcher that falls behind
 * is ended with {@link WatchListener#onClose(Throwable)} instead of slowing down writers.
 */
final class WatchSubscription implements Watch {
    private static final Logger log = LoggerFactory.getLogger(WatchSubscription.class);
    static final int HISTORY_PAGE = 512;

    private final KeyPrefix prefix;
    private final WatchListener listener;
    private final Executor executor;
    private final EventHistory history;
    private final Consumer<WatchSubscription> unregister;
    private final int capacity;
    /** Events at or before this revision are not for this watch (it may start in the future). */
    private final long afterRevision;

    // Guarded by this.
    private final ArrayDeque<WatchEvent> live = new ArrayDeque<>();
    private List<WatchEvent> backlog = List.of();
    private long historyCursor;
    private long historyEnd;
    private boolean scheduled;
    private Throwable endCause;
    /** Set once the watch is closed or ended; read without the lock between two deliveries. */
    private volatile boolean stopped;

    WatchSubscription(KeyPrefix prefix, long afterRevision, WatchListener listener, Executor executor,
            EventHistory history, int capacity, Consumer<WatchSubscription> unregister) {
        this.prefix = prefix;
        this.afterRevision = afterRevision;
        this.listener = listener;
        this.executor = executor;
        this.history = history;
        this.capacity = capacity;
        this.unregister = unregister;
    }

    KeyPrefix prefix() {
        return prefix;
    }

    /** Starts with events already in memory; called before the watch is visible to publishers. */
    synchronized void startWithBacklog(List<WatchEvent> events) {
        backlog = events;
    }

    /** Starts by reading {@code (afterRevision, upToRevision]} from the durable history. */
    synchronized void startWithHistory(long afterRevision, long upToRevision) {
        historyCursor = afterRevision;
        historyEnd = upToRevision;
    }

    /** Queues a live event; the caller (the hub) has already matched the prefix. */
    synchronized void offer(WatchEvent event) {
        if (stopped || event.revision() <= afterRevision) {
            return;
        }
        if (live.size() >= capacity) {
            end(new StoreException("watch on '" + prefix.prefix() + "' fell behind by more than "
                    + capacity + " events"));
            return;
        }
        live.add(event);
        schedule();
    }

    /** Ends the watch without the listener asking: it is told through {@code onClose(cause)}. */
    synchronized void end(Throwable cause) {
        if (stopped) {
            return;
        }
        stopped = true;
        endCause = cause;
        discardQueued();
        unregister.accept(this);
        schedule();
    }

    @Override
    public synchronized void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        discardQueued();
        unregister.accept(this);
    }

    synchronized void schedule() {
        if (scheduled) {
            return;
        }
        scheduled = true;
        try {
            executor.execute(this::drain);
        } catch (RejectedExecutionException e) {
            // The hub is shutting down and ends every watch itself.
            scheduled = false;
        }
    }

    private void discardQueued() {
        live.clear();
        backlog = List.of();
        historyCursor = historyEnd;
    }

    private void drain() {
        while (true) {
            List<WatchEvent> batch;
            Throwable cause = null;
            boolean readHistory = false;
            synchronized (this) {
                if (endCause != null) {
                    cause = endCause;
                    endCause = null;
                    batch = List.of();
                } else if (stopped) {
                    scheduled = false;
                    return;
                } else if (!backlog.isEmpty()) {
                    batch = backlog;
                    backlog = List.of();
                } else if (historyCursor < historyEnd) {
                    readHistory = true;
                    batch = List.of();
                } else if (live.isEmpty()) {
                    scheduled = false;
                    return;
                } else {
                    batch = new ArrayList<>(live);
                    live.clear();
                }
            }
            if (cause != null) {
                notifyClosed(cause);
                synchronized (this) {
                    scheduled = false;
                }
                return;
            }
            if (readHistory) {
                replayHistoryPage();
            } else {
                deliver(batch);
            }
        }
    }

    private void replayHistoryPage() {
        long from;
        long to;
        synchronized (this) {
            from = historyCursor;
            to = historyEnd;
        }
        List<WatchEvent> page;
        try {
            page = history.read(prefix, from, to, HISTORY_PAGE);
        } catch (RuntimeException e) {
            end(e);
            return;
        }
        deliver(page);
        synchronized (this) {
            if (!stopped) {
                historyCursor = page.size() < HISTORY_PAGE ? to : page.getLast().revision();
            }
        }
    }

    private void deliver(List<WatchEvent> events) {
        for (WatchEvent event : events) {
            if (stopped) {
                return;
            }
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                log.warn("watch listener on '{}' failed; ending the watch", prefix.prefix(), e);
                end(e);
                return;
            }
        }
    }

    private void notifyClosed(Throwable cause) {
        try {
            listener.onClose(cause);
        } catch (RuntimeException e) {
            log.warn("watch listener on '{}' failed in onClose", prefix.prefix(), e);
        }
    }
}
