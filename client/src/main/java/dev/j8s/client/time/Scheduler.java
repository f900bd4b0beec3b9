package dev.j8s.client.time;

import java.time.Clock;
import java.time.Duration;

/**
 * Time as components see it: a clock to read and a way to run a task later. Injected everywhere
 * time matters (work-queue backoff, leases, resync) so tests drive it with {@link ManualScheduler}.
 */
public interface Scheduler {

    Clock clock();

    /** Runs {@code task} once after {@code delay}; cancelling before then skips it. */
    Cancellable schedule(Duration delay, Runnable task);

    /** A scheduled task that can be called off. */
    interface Cancellable {
        void cancel();
    }
}
