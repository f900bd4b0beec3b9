package dev.j8s.client.leaderelection;

import java.time.Duration;

/**
 * Timing of a leader election, with client-go's rules: a holder is presumed alive for
 * {@code leaseDuration} after its record was last seen to change; the leader gives up if it cannot
 * renew within {@code renewDeadline}; every attempt is {@code retryPeriod} apart (acquisition
 * attempts are jittered by up to {@code jitterFactor} × the period).
 */
public record LeaderElectionConfig(Duration leaseDuration, Duration renewDeadline, Duration retryPeriod,
                                   double jitterFactor, boolean releaseOnCancel) {

    /** The defaults of kube-controller-manager and kube-scheduler: 15 s, 10 s, 2 s. */
    public static final LeaderElectionConfig DEFAULTS = new LeaderElectionConfig(Duration.ofSeconds(15),
            Duration.ofSeconds(10), Duration.ofSeconds(2), 1.2, true);

    public LeaderElectionConfig {
        if (leaseDuration.compareTo(renewDeadline) <= 0) {
            throw new IllegalArgumentException("leaseDuration must be greater than renewDeadline");
        }
        if (renewDeadline.toMillis() <= (long) (jitterFactor * retryPeriod.toMillis())) {
            throw new IllegalArgumentException("renewDeadline must be greater than retryPeriod*jitterFactor");
        }
        if (leaseDuration.toSeconds() < 1) {
            throw new IllegalArgumentException("leaseDuration is recorded in whole seconds: at least 1 s");
        }
    }

    public LeaderElectionConfig withTimings(Duration lease, Duration renew, Duration retry) {
        return new LeaderElectionConfig(lease, renew, retry, jitterFactor, releaseOnCancel);
    }

    public LeaderElectionConfig withJitterFactor(double factor) {
        return new LeaderElectionConfig(leaseDuration, renewDeadline, retryPeriod, factor, releaseOnCancel);
    }
}
