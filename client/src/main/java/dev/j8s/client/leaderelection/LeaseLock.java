package dev.j8s.client.leaderelection;

import java.util.Optional;

/**
 * The object candidates compete for (client-go's resourcelock.Interface). Writes are conditional on
 * the version last read or written, so two candidates never both succeed in taking it.
 */
public interface LeaseLock {

    /** The current record, or empty when the lock object does not exist yet. */
    Optional<LeaderElectionRecord> get();

    /** Creates the lock object; fails if another candidate created it first. */
    void create(LeaderElectionRecord record);

    /** Replaces the record if the lock is still at the version last seen; fails otherwise. */
    void update(LeaderElectionRecord record);

    /** This candidate's identity. */
    String identity();

    /** "namespace/name", for logs. */
    String describe();
}
