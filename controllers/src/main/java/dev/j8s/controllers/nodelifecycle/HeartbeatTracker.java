package dev.j8s.controllers.nodelifecycle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each node was last heard from, on the controller's own clock (nodelifecycle's
 * nodeHealthMap and probeTimestamp): a heartbeat is a change of the node Lease's renewTime, and
 * it is timed when the controller sees the change, not by the renewTime itself, so clock skew
 * between an agent and the control plane does not matter. A node first seen now gets a full
 * grace period, as after a controller restart in Kubernetes.
 */
public final class HeartbeatTracker {

    private record Probe(String renewTime, Instant observedAt) {}

    private final Clock clock;
    private final Map<String, Probe> probes = new ConcurrentHashMap<>();

    public HeartbeatTracker(Clock clock) {
        this.clock = clock;
    }

    /** Records the node's current Lease renewTime (null without a Lease); returns the last heartbeat. */
    public Instant observe(String node, String renewTime) {
        return probes.compute(node, (n, old) -> old != null && Objects.equals(old.renewTime(), renewTime)
                ? old : new Probe(renewTime, clock.instant())).observedAt();
    }

    /** How long until the node is overdue (zero or negative: it is now), judged at the last observation. */
    public Duration remainingGrace(String node, Duration gracePeriod) {
        Probe probe = probes.get(node);
        Instant last = probe == null ? clock.instant() : probe.observedAt();
        return Duration.between(clock.instant(), last.plus(gracePeriod));
    }

    /** True once a heartbeat of the node was observed. */
    public boolean knows(String node) {
        return probes.containsKey(node);
    }

    public void forget(String node) {
        probes.remove(node);
    }
}
