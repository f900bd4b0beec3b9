package dev.j8s.net.proxy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Picks the backend of each new userspace connection: round robin over the current backends, or the
 * client's previous backend while its ClientIP affinity lasts (the affinity expires after
 * {@code affinitySeconds} without a new connection, as kube-proxy's timed affinity sets do).
 * Backends change under it on every sync; picks are lock-free.
 */
public final class Balancer {

    private record Affinity(Backend backend, Instant lastUsed) {}

    private final Clock clock;
    private final AtomicInteger next = new AtomicInteger();
    private final Map<String, Affinity> affinities = new ConcurrentHashMap<>();
    private volatile List<Backend> backends = List.of();
    private volatile int affinitySeconds;

    public Balancer(Clock clock) {
        this.clock = clock;
    }

    /** Replaces the backends; affinities to backends that are gone are dropped. */
    public void update(List<Backend> backends, int affinitySeconds) {
        this.backends = List.copyOf(backends);
        this.affinitySeconds = affinitySeconds;
        if (affinitySeconds == 0) {
            affinities.clear();
        } else {
            affinities.values().removeIf(a -> !this.backends.contains(a.backend()));
        }
    }

    public List<Backend> backends() {
        return backends;
    }

    /**
     * The backend for a new connection from {@code clientIp}, skipping those that already failed it;
     * null when none is left.
     */
    public Backend pick(String clientIp, Set<Backend> failed) {
        List<Backend> current = backends;
        int timeout = affinitySeconds;
        if (timeout > 0 && clientIp != null) {
            Affinity affinity = affinities.get(clientIp);
            if (affinity != null && !failed.contains(affinity.backend()) && current.contains(affinity.backend())
                    && Duration.between(affinity.lastUsed(), clock.instant()).getSeconds() < timeout) {
                return affinity.backend();
            }
        }
        for (int tries = 0; tries < current.size(); tries++) {
            Backend candidate = current.get(Math.floorMod(next.getAndIncrement(), current.size()));
            if (!failed.contains(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** Records that {@code clientIp} is connected to {@code backend}: it sticks there under ClientIP affinity. */
    public void connected(String clientIp, Backend backend) {
        if (affinitySeconds > 0 && clientIp != null) {
            affinities.put(clientIp, new Affinity(backend, clock.instant()));
        }
    }
}
