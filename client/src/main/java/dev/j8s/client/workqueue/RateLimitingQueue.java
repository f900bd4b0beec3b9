package dev.j8s.client.workqueue;

import dev.j8s.client.time.Scheduler;

/**
 * The queue controllers use: a failed key is re-added after its rate limiter's delay, and
 * forgotten (backoff reset) once it succeeds.
 */
public class RateLimitingQueue<K> extends DelayingQueue<K> {

    private final RateLimiter<K> limiter;

    public RateLimitingQueue(Scheduler scheduler, RateLimiter<K> limiter) {
        super(scheduler);
        this.limiter = limiter;
    }

    /** A queue with client-go's default controller rate limiter. */
    public static <K> RateLimitingQueue<K> withDefaults(Scheduler scheduler) {
        return new RateLimitingQueue<>(scheduler, MaxOfRateLimiter.controllerDefault(scheduler.clock()));
    }

    public void addRateLimited(K key) {
        addAfter(key, limiter.when(key));
    }

    public void forget(K key) {
        limiter.forget(key);
    }

    public int numRequeues(K key) {
        return limiter.numRequeues(key);
    }
}
