package dev.j8s.scheduler.queue;

import dev.j8s.scheduler.framework.PodInfo;
import java.time.Instant;
import java.util.Set;

/**
 * A pending pod in the scheduling queue with its bookkeeping: when it was last queued (orders
 * equal priorities and starts the backoff), how many times it was tried (sets the backoff), and
 * which plugins rejected it last.
 */
public final class QueuedPodInfo {

    private PodInfo podInfo;
    private Instant timestamp;
    private final Instant initialAttempt;
    private int attempts;
    private Set<String> unschedulablePlugins = Set.of();

    QueuedPodInfo(PodInfo podInfo, Instant now) {
        this.podInfo = podInfo;
        this.timestamp = now;
        this.initialAttempt = now;
    }

    public PodInfo podInfo() {
        return podInfo;
    }

    void setPodInfo(PodInfo podInfo) {
        this.podInfo = podInfo;
    }

    public Instant timestamp() {
        return timestamp;
    }

    void setTimestamp(Instant timestamp) {
        this.timestamp = timestamp;
    }

    public Instant initialAttempt() {
        return initialAttempt;
    }

    public int attempts() {
        return attempts;
    }

    void incrementAttempts() {
        attempts++;
    }

    public Set<String> unschedulablePlugins() {
        return unschedulablePlugins;
    }

    public void setUnschedulablePlugins(Set<String> plugins) {
        this.unschedulablePlugins = Set.copyOf(plugins);
    }

    public String key() {
        return podInfo.key();
    }

    @Override
    public String toString() {
        return podInfo + "(attempts=" + attempts + ")";
    }
}
