package dev.j8s.apiserver.admission;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * One read-write lock per namespace that has quotas. Admissions hold the read lock from charging
 * a quota until their object is stored (or the charge is given back), so they run in parallel;
 * recomputing usage from the store takes the write lock, so it never sees a charge whose object
 * is not stored yet and cannot undo it.
 */
final class NamespaceLocks {

    private final ConcurrentHashMap<String, ReentrantReadWriteLock> locks = new ConcurrentHashMap<>();

    ReentrantReadWriteLock of(String namespace) {
        // Fair: a waiting recomputation is not starved by a steady stream of creates.
        return locks.computeIfAbsent(namespace, ns -> new ReentrantReadWriteLock(true));
    }
}
