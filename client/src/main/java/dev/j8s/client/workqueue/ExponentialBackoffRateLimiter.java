package dev.j8s.client.workqueue;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-key exponential backoff: base × 2^failures, capped (client-go's
 * ItemExponentialFailureRateLimiter; controllers use 5 ms doubling up to 1000 s).
 */
public final class ExponentialBackoffRateLimiter<K> implements RateLimiter<K> {

    public static final Duration DEFAULT_BASE = Duration.ofMillis(5);
    public static final Duration DEFAULT_MAX = Duration.ofSeconds(1000);

    private final Duration base;
    private final Duration max;
    private final ConcurrentHashMap<K, Integer> failures = new ConcurrentHashMap<>();

    public ExponentialBackoffRateLimiter(Duration base, Duration max) {
        this.base = base;
        this.max = max;
    }

    public static <K> ExponentialBackoffRateLimiter<K> withDefaults() {
        return new ExponentialBackoffRateLimiter<>(DEFAULT_BASE, DEFAULT_MAX);
    }

    @Override
    public Duration when(K key) {
        int exponent = failures.merge(key, 1, Integer::sum) - 1;
        // Past 2^62 the product overflows long nanoseconds; the cap has long been reached by then.
        if (exponent >= 62) {
            return max;
        }
        long nanos = base.toNanos();
        long backoff = nanos > (Long.MAX_VALUE >> exponent) ? Long.MAX_VALUE : nanos << exponent;
        return backoff >= max.toNanos() ? max : Duration.ofNanos(backoff);
    }

    @Override
    public void forget(K key) {
        failures.remove(key);
    }

    @Override
    public int numRequeues(K key) {
        return failures.getOrDefault(key, 0);
    }
}
