package dev.j8s.agent.kubelet;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The kubelet's restart backoff per container (pkg/kubelet: 10 s initial, doubling up to 5 min).
 * The first restart of a container is immediate; each later one waits the current delay counted
 * from when the container last exited. A container that ran for 10 minutes before exiting, or that
 * has not been restarted for 10 minutes (twice the cap, as client-go's flowcontrol.Backoff expires
 * entries), starts again from 10 s.
 */
public final class CrashLoopBackoff {

    public static final Duration INITIAL = Duration.ofSeconds(10);
    public static final Duration MAX = Duration.ofMinutes(5);
    public static final Duration RESET_AFTER = Duration.ofMinutes(10);

    private final Clock clock;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    private record Entry(Duration delay, Instant lastRestart) {}

    public CrashLoopBackoff(Clock clock) {
        this.clock = clock;
    }

    public static String key(String podUid, String container) {
        return podUid + "/" + container;
    }

    /**
     * How long the container must still wait before it may restart, given when it started and
     * exited; zero when it may restart now.
     */
    public Duration remaining(String key, Instant startedAt, Instant finishedAt) {
        Entry e = current(key, startedAt, finishedAt);
        if (e == null) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(clock.instant(), finishedAt.plus(e.delay()));
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** The delay that applies to the container now (for the CrashLoopBackOff message). */
    public Duration delay(String key) {
        Entry e = entries.get(key);
        return e == null ? INITIAL : e.delay();
    }

    /** Records a restart: the next one waits twice as long, up to {@link #MAX}. */
    public void restarted(String key, Instant startedAt, Instant finishedAt) {
        Entry e = current(key, startedAt, finishedAt);
        Duration next = e == null ? INITIAL : min(e.delay().multipliedBy(2), MAX);
        entries.put(key, new Entry(next, clock.instant()));
    }

    public void forget(String podUid) {
        entries.keySet().removeIf(k -> k.startsWith(podUid + "/"));
    }

    private Entry current(String key, Instant startedAt, Instant finishedAt) {
        Entry e = entries.get(key);
        if (e == null) {
            return null;
        }
        boolean ranLong = startedAt != null && finishedAt != null
                && Duration.between(startedAt, finishedAt).compareTo(RESET_AFTER) >= 0;
        boolean stale = Duration.between(e.lastRestart(), clock.instant()).compareTo(RESET_AFTER) > 0;
        if (ranLong || stale) {
            entries.remove(key);
            return null;
        }
        return e;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
