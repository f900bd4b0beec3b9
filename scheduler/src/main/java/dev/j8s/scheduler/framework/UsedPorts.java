package dev.j8s.scheduler.framework;

import java.util.HashMap;
import java.util.Map;

/** The host ports taken on a node, counted so removing one of two pods keeps the port taken. */
public final class UsedPorts {

    private final Map<HostPort, Integer> counts;

    public UsedPorts() {
        this.counts = new HashMap<>();
    }

    private UsedPorts(Map<HostPort, Integer> counts) {
        this.counts = counts;
    }

    public void add(HostPort port) {
        counts.merge(port, 1, Integer::sum);
    }

    public void remove(HostPort port) {
        counts.computeIfPresent(port, (k, n) -> n == 1 ? null : n - 1);
    }

    /**
     * Kubernetes' {@code HostPortInfo.CheckConflict}: 0.0.0.0 conflicts with every address on the
     * same protocol and port; a specific address conflicts with itself and with 0.0.0.0.
     */
    public boolean conflicts(HostPort wanted) {
        if (counts.isEmpty()) {
            return false;
        }
        if (wanted.ip().equals(HostPort.ANY_IP)) {
            for (HostPort used : counts.keySet()) {
                if (used.port() == wanted.port() && used.protocol().equals(wanted.protocol())) {
                    return true;
                }
            }
            return false;
        }
        return counts.containsKey(wanted)
                || counts.containsKey(new HostPort(HostPort.ANY_IP, wanted.protocol(), wanted.port()));
    }

    public boolean isEmpty() {
        return counts.isEmpty();
    }

    public UsedPorts copy() {
        return new UsedPorts(counts.isEmpty() ? new HashMap<>() : new HashMap<>(counts));
    }
}
