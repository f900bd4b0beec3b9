package dev.j8s.store.sqlite;

/** A write queued for the group-commit writer. */
sealed interface WriteOp {

    record Create(String key, byte[] value) implements WriteOp {}

    record Update(String key, byte[] value, long expectedModRevision) implements WriteOp {}

    record Delete(String key, long expectedModRevision) implements WriteOp {}

    /** Deletes log rows at or before {@code revision}; consumes no revision. */
    record Compact(long revision) implements WriteOp {}
}
