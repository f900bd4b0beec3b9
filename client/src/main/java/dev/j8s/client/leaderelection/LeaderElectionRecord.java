package dev.j8s.client.leaderelection;

import java.time.Instant;

/**
 * Who holds a lock and until when, as a Lease's spec records it. An empty holder means the lock
 * was released and any candidate may take it at once.
 */
public record LeaderElectionRecord(String holderIdentity, int leaseDurationSeconds, Instant acquireTime,
                                   Instant renewTime, int leaseTransitions) {

    public boolean hasHolder() {
        return holderIdentity != null && !holderIdentity.isEmpty();
    }
}
