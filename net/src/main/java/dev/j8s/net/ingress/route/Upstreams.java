package dev.j8s.net.ingress.route;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The ready endpoints of one backend (a Service port, or the pods of a {@code VIRTUAL_HOST}) in one
 * route table, taken in round-robin order. Terminating endpoints are not listed: they take no new
 * requests, while requests already sent to them finish on their connections (drain).
 */
public final class Upstreams {

    private final String name;
    private final UpstreamAddress[] ready;
    private final AtomicInteger next = new AtomicInteger();

    public Upstreams(String name, List<UpstreamAddress> ready) {
        this.name = name;
        this.ready = ready.toArray(UpstreamAddress[]::new);
    }

    /** The backend's name for error messages, e.g. {@code default/web:80}. */
    public String name() {
        return name;
    }

    public boolean isEmpty() {
        return ready.length == 0;
    }

    public int size() {
        return ready.length;
    }

    public List<UpstreamAddress> addresses() {
        return List.of(ready);
    }

    /** The next endpoint in round-robin order; the backend must not be empty. */
    public UpstreamAddress next() {
        UpstreamAddress[] r = ready;
        return r.length == 1 ? r[0] : r[Math.floorMod(next.getAndIncrement(), r.length)];
    }

    @Override
    public String toString() {
        return name + List.of(ready);
    }
}
