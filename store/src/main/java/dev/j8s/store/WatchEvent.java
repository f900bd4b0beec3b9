package dev.j8s.store;

/**
 * A change. For PUT, {@code kv} is the new value and {@code prevKv} the previous one (null on
 * creation). For DELETE, {@code kv} carries the deletion revision as its modRevision and the last
 * value before deletion; {@code prevKv} is that last value with its own revision.
 */
public record WatchEvent(Type type, KeyValue kv, KeyValue prevKv) {
    public enum Type { PUT, DELETE }

    public long revision() {
        return kv.modRevision();
    }

    public boolean isCreate() {
        return type == Type.PUT && prevKv == null;
    }
}
