package dev.j8s.client.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Fake time for tests: the clock stands still until {@link #advance} moves it, and tasks that
 * fall due run then, on the caller's thread, in due order. Shared here (not in test sources) so
 * every module built on the client can drive its timing logic the same way.
 */
public final class ManualScheduler implements Scheduler {

    private final ManualClock clock;
    private final List<Task> tasks = new ArrayList<>();
    private long sequence;

    public ManualScheduler(Instant start) {
        this.clock = new ManualClock(start);
    }

    public ManualScheduler() {
        this(Instant.parse("2025-01-01T00:00:00Z"));
    }

    @Override
    public Clock clock() {
        return clock;
    }

    public Instant now() {
        return clock.instant();
    }

    @Override
    public synchronized Cancellable schedule(Duration delay, Runnable task) {
        Task t = new Task(clock.instant().plus(delay.isNegative() ? Duration.ZERO : delay), sequence++, task);
        tasks.add(t);
        return () -> {
            synchronized (this) {
                tasks.remove(t);
            }
        };
    }

    /** Tasks waiting to run (to assert that a timer was or was not set). */
    public synchronized int pendingTasks() {
        return tasks.size();
    }

    /** Moves time forward, running each task that falls due with the clock set to its due time. */
    public void advance(Duration step) {
        Instant target = clock.instant().plus(step);
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.stream()
                        .filter(t -> !t.due().isAfter(target))
                        .min((a, b) -> a.due().equals(b.due()) ? Long.compare(a.seq(), b.seq())
                                : a.due().compareTo(b.due()))
                        .orElse(null);
                if (next == null) {
                    break;
                }
                tasks.remove(next);
                if (next.due().isAfter(clock.instant())) {
                    clock.set(next.due());
                }
            }
            next.task().run();
        }
        clock.set(target);
    }

    private record Task(Instant due, long seq, Runnable task) {}

    /** A clock that moves only when told to. */
    public static final class ManualClock extends Clock {
        private volatile Instant now;

        ManualClock(Instant start) {
            this.now = start;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
