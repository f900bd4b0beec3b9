package dev.j8s.client;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Re-runs a read-modify-write while the server answers 409 Conflict (client-go's
 * retry.RetryOnConflict with DefaultRetry: 5 attempts about 10 ms apart, 10 % jitter). The action
 * must read the object afresh each time.
 */
public final class RetryOnConflict {

    private static final int ATTEMPTS = 5;
    private static final Duration PAUSE = Duration.ofMillis(10);

    private RetryOnConflict() {}

    public static <R> R run(Supplier<R> readModifyWrite) {
        for (int attempt = 1; ; attempt++) {
            try {
                return readModifyWrite.get();
            } catch (ApiStatusException e) {
                if (!e.isConflict() || attempt == ATTEMPTS) {
                    throw e;
                }
            }
            long pause = PAUSE.toNanos() + (long) (ThreadLocalRandom.current().nextDouble() * PAUSE.toNanos() * 0.1);
            try {
                Thread.sleep(Duration.ofNanos(pause));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while retrying a conflicting write", e);
            }
        }
    }
}
