package dev.j8s.net.proxy;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The userspace listeners one component wants (the proxy's NodePorts, the service LB's ports): each
 * sync opens the missing ones, closes those no longer wanted and hands the rest their new backends,
 * so established connections and affinities survive endpoint changes.
 */
public final class ListenerSet implements AutoCloseable {

    /** What a listener forwards to. */
    public record Target(List<Backend> backends, int affinitySeconds) {}

    private final TcpForwarder forwarder;
    private final Clock clock;
    private final Map<InetSocketAddress, TcpForwarder.Listener> listeners = new HashMap<>();

    public ListenerSet(TcpForwarder forwarder, Clock clock) {
        this.forwarder = forwarder;
        this.clock = clock;
    }

    /**
     * Makes the listeners match {@code wanted}; returns why each listener that could not bind failed
     * (a sync later tries it again).
     */
    public synchronized Map<InetSocketAddress, String> sync(Map<InetSocketAddress, Target> wanted)
            throws InterruptedException {
        listeners.entrySet().removeIf(e -> {
            if (!wanted.containsKey(e.getKey())) {
                e.getValue().close();
                return true;
            }
            return false;
        });
        Map<InetSocketAddress, String> failures = new LinkedHashMap<>();
        for (Map.Entry<InetSocketAddress, Target> entry : wanted.entrySet()) {
            TcpForwarder.Listener listener = listeners.get(entry.getKey());
            if (listener == null) {
                Balancer balancer = new Balancer(clock);
                balancer.update(entry.getValue().backends(), entry.getValue().affinitySeconds());
                try {
                    listeners.put(entry.getKey(), forwarder.listen(entry.getKey(), balancer));
                } catch (TcpForwarder.ListenException e) {
                    failures.put(entry.getKey(), e.getMessage());
                }
            } else {
                listener.balancer().update(entry.getValue().backends(), entry.getValue().affinitySeconds());
            }
        }
        return failures;
    }

    public synchronized boolean listening(InetSocketAddress address) {
        return listeners.containsKey(address);
    }

    @Override
    public synchronized void close() {
        listeners.values().forEach(TcpForwarder.Listener::close);
        listeners.clear();
    }
}
