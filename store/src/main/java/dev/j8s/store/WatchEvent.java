package dev.j8s.store;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A change. For PUT, {@code kv} is the new value and {@code prevKv} the previous one (null on
 * creation). For DELETE, {@code kv} carries the deletion revision as its modRevision and the last
 * value before deletion; {@code prevKv} is that last value with its own revision.
 *
 * <p>One event object goes to every watch of its key, so what watchers derive from it alike (the decoded
 * object, the encoded watch line) can be computed once and shared through {@link #memo}, as the
 * Kubernetes watch cache serializes an event once for all its watchers. The memo is no part of the
 * event's value ({@code equals}, {@code hashCode}); the {@link WatchHub} keeps copies for replay.
 */
public final class WatchEvent {

    public enum Type { PUT, DELETE }

    private final Type type;
    private final KeyValue kv;
    private final KeyValue prevKv;
    private volatile ConcurrentHashMap<Object, Object> memo;

    public WatchEvent(Type type, KeyValue kv, KeyValue prevKv) {
        this.type = Objects.requireNonNull(type);
        this.kv = Objects.requireNonNull(kv);
        this.prevKv = prevKv;
    }

    public Type type() {
        return type;
    }

    public KeyValue kv() {
        return kv;
    }

    public KeyValue prevKv() {
        return prevKv;
    }

    public long revision() {
        return kv.modRevision();
    }

    public boolean isCreate() {
        return type == Type.PUT && prevKv == null;
    }

    /**
     * What {@code compute} derives from this event, computed by the first watcher that asks under
     * {@code key} and shared with the others. The value must be treated as immutable by all of them.
     */
    @SuppressWarnings("unchecked")
    public <T> T memo(Object key, Supplier<T> compute) {
        ConcurrentHashMap<Object, Object> m = memo;
        if (m == null) {
            synchronized (this) {
                m = memo;
                if (m == null) {
                    m = new ConcurrentHashMap<>(4);
                    memo = m;
                }
            }
        }
        return (T) m.computeIfAbsent(key, k -> compute.get());
    }

    /** The same change with a memo of its own: the replay ring and replays must hold no decoded objects. */
    WatchEvent copy() {
        return new WatchEvent(type, kv, prevKv);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WatchEvent e && type == e.type && kv.equals(e.kv) && Objects.equals(prevKv, e.prevKv);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, kv, prevKv);
    }

    @Override
    public String toString() {
        return "WatchEvent[type=" + type + ", kv=" + kv + ", prevKv=" + prevKv + "]";
    }
}
