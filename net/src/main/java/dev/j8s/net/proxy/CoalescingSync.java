package dev.j8s.net.proxy;

import dev.j8s.client.informer.ResourceEventHandler;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a level-triggered sync on its own named thread, at most once per {@code minInterval} however
 * many changes arrive (kube-proxy's minSyncPeriod): a burst of endpoint updates costs one rewrite.
 * A failed sync is retried after {@code retryAfter}; so is one that asks for it.
 */
public final class CoalescingSync implements AutoCloseable {

    /** One sync; returns true when it wants to run again later even without a change (e.g. a port was busy). */
    @FunctionalInterface
    public interface Task {
        boolean run() throws Exception;
    }

    private static final Logger log = LoggerFactory.getLogger(CoalescingSync.class);

    private final String name;
    private final Task task;
    private final long minIntervalNanos;
    private final Duration retryAfter;
    private final ScheduledExecutorService executor;
    private final AtomicLong syncs = new AtomicLong();
    private boolean scheduled;
    private long lastRun = System.nanoTime() - Long.MAX_VALUE / 4;
    private volatile String lastError;

    public CoalescingSync(String name, Task task, Duration minInterval, Duration retryAfter) {
        this.name = name;
        this.task = task;
        this.minIntervalNanos = minInterval.toNanos();
        this.retryAfter = retryAfter;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Asks for a sync: now if the last one is older than the minimum interval, else when it is. */
    public synchronized void request() {
        if (scheduled || executor.isShutdown()) {
            return;
        }
        scheduled = true;
        long wait = Math.max(0, lastRun + minIntervalNanos - System.nanoTime());
        try {
            executor.schedule(this::runOnce, wait, TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            scheduled = false;
        }
    }

    private void runOnce() {
        synchronized (this) {
            scheduled = false;
            lastRun = System.nanoTime();
        }
        boolean again;
        try {
            again = task.run();
            lastError = null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            log.warn("{}: sync failed, retrying in {}: {}", name, retryAfter, e.toString());
            lastError = e.getMessage();
            again = true;
        }
        syncs.incrementAndGet();
        if (again) {
            try {
                executor.schedule(this::request, retryAfter.toNanos(), TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.RejectedExecutionException closing) {
                // closed while syncing: nothing more to do
            }
        }
    }

    /** How many syncs ran (finished or failed). */
    /**
     * An informer handler that requests a sync on every change of what it watches; resyncs (the same
     * object delivered again) change nothing and are ignored.
     */
    public <T> ResourceEventHandler<T> onChange() {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T object) {
                request();
            }

            @Override
            public void onUpdate(T oldObject, T newObject) {
                if (oldObject != newObject) {
                    request();
                }
            }

            @Override
            public void onDelete(T object) {
                request();
            }
        };
    }

    public long syncs() {
        return syncs.get();
    }

    /** The last sync's error message, or null when it succeeded. */
    public String lastError() {
        return lastError;
    }

    /** Stops syncing; a sync that runs is waited for. */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
