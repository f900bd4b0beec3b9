package dev.j8s.client.workqueue;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** The longest delay of several limiters (client-go's MaxOfRateLimiter). */
public final class MaxOfRateLimiter<K> implements RateLimiter<K> {

    private final List<RateLimiter<K>> limiters;

    public MaxOfRateLimiter(List<RateLimiter<K>> limiters) {
        this.limiters = List.copyOf(limiters);
    }

    /** client-go's DefaultControllerRateLimiter: per-key 5 ms…1000 s backoff, and 10 qps / burst 100 overall. */
    public static <K> RateLimiter<K> controllerDefault(Clock clock) {
        return new MaxOfRateLimiter<>(List.of(ExponentialBackoffRateLimiter.withDefaults(),
                new TokenBucketRateLimiter<>(clock, 10, 100)));
    }

    @Override
    public Duration when(K key) {
        Duration longest = Duration.ZERO;
        for (RateLimiter<K> limiter : limiters) {
            Duration d = limiter.when(key);
            if (d.compareTo(longest) > 0) {
                longest = d;
            }
        }
        return longest;
    }

    @Override
    public void forget(K key) {
        limiters.forEach(l -> l.forget(key));
    }

    @Override
    public int numRequeues(K key) {
        return limiters.stream().mapToInt(l -> l.numRequeues(key)).max().orElse(0);
    }
}
