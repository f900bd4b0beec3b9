package dev.j8s.agent.hollow;

import java.time.Duration;

/**
 * How a {@link HollowCluster} simulates its nodes.
 *
 * @param namePrefix     node names are the prefix and an index: hollow-0, hollow-1, ...
 * @param nodes          how many nodes to register
 * @param leaseInterval  how often each node renews its Lease: 2 s by default, well inside j8s's 5 s node
 *                       grace period (the kubelet's 10 s fits Kubernetes' 40 s grace period)
 * @param capacity       what every node offers (capacity and allocatable)
 * @param statusQps      pod status writes and deletions per second across all nodes
 * @param statusBurst    writes allowed at once before the rate applies
 * @param workers        threads that write pod statuses; the same number renew Leases
 * @param metricsInterval how often each node reports synthetic resource usage to metrics.k8s.io (as the
 *                       kubelet is scraped by metrics-server every 15 s); zero turns reporting off
 */
public record HollowConfig(String namePrefix, int nodes, Duration leaseInterval, NodeCapacity capacity,
                           double statusQps, int statusBurst, int workers, Duration metricsInterval) {

    /** metrics-server's default resolution. */
    public static final Duration DEFAULT_METRICS_INTERVAL = Duration.ofSeconds(15);

    /** The kubelet's default: a Lease is valid for 40 s and renewed every quarter of that. */
    public static final Duration DEFAULT_LEASE_INTERVAL = Duration.ofSeconds(2);

    public HollowConfig {
        if (nodes < 0) {
            throw new IllegalArgumentException("nodes must not be negative");
        }
        if (leaseInterval.isNegative() || leaseInterval.isZero()) {
            throw new IllegalArgumentException("the lease interval must be positive");
        }
        if (statusQps <= 0 || statusBurst < 1 || workers < 1) {
            throw new IllegalArgumentException("statusQps, statusBurst and workers must be positive");
        }
        if (metricsInterval.isNegative()) {
            throw new IllegalArgumentException("the metrics interval must not be negative");
        }
    }

    public static HollowConfig defaults(String namePrefix, int nodes) {
        return new HollowConfig(namePrefix, nodes, DEFAULT_LEASE_INTERVAL, NodeCapacity.DEFAULT, 200, 400, 4,
                DEFAULT_METRICS_INTERVAL);
    }

    public HollowConfig withLeaseInterval(Duration interval) {
        return new HollowConfig(namePrefix, nodes, interval, capacity, statusQps, statusBurst, workers, metricsInterval);
    }

    public HollowConfig withWorkers(int count) {
        return new HollowConfig(namePrefix, nodes, leaseInterval, capacity, statusQps, statusBurst, count, metricsInterval);
    }

    public HollowConfig withStatusRate(double qps, int burst) {
        return new HollowConfig(namePrefix, nodes, leaseInterval, capacity, qps, burst, workers, metricsInterval);
    }

    /** Zero turns metrics reporting off. */
    public HollowConfig withMetricsInterval(Duration interval) {
        return new HollowConfig(namePrefix, nodes, leaseInterval, capacity, statusQps, statusBurst, workers, interval);
    }

    /**
     * A Lease is valid four intervals long, as the kubelet's 40 s Lease renewed every 10 s, so the
     * node lifecycle controller tolerates a few missed renewals.
     */
    public int leaseDurationSeconds() {
        return (int) Math.max(1, leaseInterval.multipliedBy(4).toSeconds());
    }

    public String nodeName(int index) {
        return namePrefix + index;
    }
}
