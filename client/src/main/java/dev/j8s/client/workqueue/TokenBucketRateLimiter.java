package dev.j8s.client.workqueue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * An overall limit shared by all keys: {@code qps} tokens a second, up to {@code burst} saved
 * (client-go's BucketRateLimiter, 10 qps with a burst of 100 in the default controller limiter).
 * Each call reserves a token and returns how long to wait for it.
 */
public final class TokenBucketRateLimiter<K> implements RateLimiter<K> {

    private final Clock clock;
    private final double qps;
    private final int burst;
    private double tokens;
    private Instant last;

    public TokenBucketRateLimiter(Clock clock, double qps, int burst) {
        this.clock = clock;
        this.qps = qps;
        this.burst = burst;
        this.tokens = burst;
        this.last = clock.instant();
    }

    @Override
    public synchronized Duration when(K key) {
        Instant now = clock.instant();
        double elapsed = Duration.between(last, now).toNanos() / 1e9;
        if (elapsed > 0) {
            tokens = Math.min(burst, tokens + elapsed * qps);
            last = now;
        }
        tokens -= 1;
        return tokens >= 0 ? Duration.ZERO : Duration.ofNanos((long) (-tokens / qps * 1e9));
    }

    @Override
    public void forget(K key) {}

    @Override
    public int numRequeues(K key) {
        return 0;
    }
}
