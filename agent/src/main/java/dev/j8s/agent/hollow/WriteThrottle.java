package dev.j8s.agent.hollow;

import dev.j8s.client.workqueue.TokenBucketRateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Bounds the rate of the hollow kubelet's writes, as client-go's client-side QPS limit does for a
 * real kubelet: a caller reserves a token and waits for it. Tens of thousands of pods starting at
 * once then reach the API server as a steady stream instead of a flood.
 */
final class WriteThrottle {

    private final TokenBucketRateLimiter<Object> bucket;

    WriteThrottle(Clock clock, double qps, int burst) {
        this.bucket = new TokenBucketRateLimiter<>(clock, qps, burst);
    }

    void acquire() throws InterruptedException {
        Duration wait = bucket.when(this);
        if (!wait.isZero()) {
            // Pacing a writer, not waiting for state: the token is ours once this much time has passed.
            TimeUnit.NANOSECONDS.sleep(wait.toNanos());
        }
    }
}
