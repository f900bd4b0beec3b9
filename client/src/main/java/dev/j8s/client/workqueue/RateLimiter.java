package dev.j8s.client.workqueue;

import java.time.Duration;

/** Decides how long a key waits before it is retried, from its history of failures. */
public interface RateLimiter<K> {

    /** The delay before the key's next attempt; counts this as one more failure. */
    Duration when(K key);

    /** Forgets the key's failures (after it was processed successfully). */
    void forget(K key);

    int numRequeues(K key);
}
