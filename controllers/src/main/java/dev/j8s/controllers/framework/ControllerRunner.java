package dev.j8s.controllers.framework;

import dev.j8s.client.ApiStatusException;
import dev.j8s.client.time.Scheduler;
import dev.j8s.client.time.ThreadScheduler;
import dev.j8s.client.workqueue.RateLimitingQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one {@link Reconciler}: a rate-limited work queue of keys and {@code workers} named threads
 * that take a key, reconcile it and mark it done (client-go's processNextWorkItem). A key is never
 * reconciled by two workers at once. Failures (exceptions, 409 conflicts from a stale cache)
 * requeue the key with per-key exponential backoff; success forgets its backoff.
 */
public final class ControllerRunner implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ControllerRunner.class);

    private final String name;
    private final Reconciler reconciler;
    private final int workers;
    private final RateLimitingQueue<String> queue;
    private final ThreadScheduler ownedScheduler;
    private final List<Thread> threads = new ArrayList<>();
    private boolean started;

    /** A runner with its own timer thread and client-go's default controller rate limiter. */
    public ControllerRunner(String name, Reconciler reconciler, int workers) {
        this(name, reconciler, workers, new ThreadScheduler("j8s-" + name + "-queue"), true);
    }

    /** A runner on an injected scheduler (a ManualScheduler in tests); the caller owns it. */
    public ControllerRunner(String name, Reconciler reconciler, int workers, Scheduler scheduler) {
        this(name, reconciler, workers, scheduler, false);
    }

    private ControllerRunner(String name, Reconciler reconciler, int workers, Scheduler scheduler, boolean owned) {
        this.name = name;
        this.reconciler = reconciler;
        this.workers = workers;
        this.queue = RateLimitingQueue.withDefaults(scheduler);
        this.ownedScheduler = owned ? (ThreadScheduler) scheduler : null;
    }

    public String name() {
        return name;
    }

    public void enqueue(String key) {
        queue.add(key);
    }

    public void enqueueAfter(String key, Duration delay) {
        queue.addAfter(key, delay);
    }

    /** Keys waiting (for tests and metrics). */
    public int queueLength() {
        return queue.length();
    }

    public synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        for (int i = 0; i < workers; i++) {
            Thread t = new Thread(this::work, "j8s-" + name + "-worker-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    private void work() {
        while (true) {
            String key;
            try {
                key = queue.get();
            } catch (InterruptedException e) {
                return;
            }
            if (key == null) {
                return;
            }
            try {
                processOne(key);
            } finally {
                queue.done(key);
            }
        }
    }

    /** Reconciles one key and decides what happens to it next; never throws. */
    void processOne(String key) {
        try {
            Reconciler.Result result = reconciler.reconcile(key);
            queue.forget(key);
            if (result.requeue()) {
                queue.addAfter(key, result.requeueAfter());
            }
        } catch (ApiStatusException e) {
            if (e.isConflict()) {
                // The cache was behind the server: retry once it has caught up, quietly.
                log.debug("{}: conflict reconciling {}, requeued: {}", name, key, e.getMessage());
            } else {
                log.warn("{}: reconciling {} failed, requeued: {}", name, key, e.getMessage());
            }
            queue.addRateLimited(key);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            queue.addRateLimited(key);
        } catch (Exception e) {
            log.warn("{}: reconciling {} failed, requeued", name, key, e);
            queue.addRateLimited(key);
        }
    }

    @Override
    public void close() {
        queue.shutDown();
        List<Thread> running;
        synchronized (this) {
            running = List.copyOf(threads);
        }
        for (Thread t : running) {
            t.interrupt();
        }
        for (Thread t : running) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (ownedScheduler != null) {
            ownedScheduler.close();
        }
    }
}
