package dev.j8s.client.leaderelection;

import dev.j8s.client.time.Scheduler;
import dev.j8s.client.time.ThreadScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Competes for a {@link LeaseLock} and keeps it while this process lives, following client-go's
 * leaderelection package: try to acquire every retry period; once leading, renew every retry
 * period and give up if no renewal succeeded within the renew deadline. Another holder is presumed
 * alive until a lease duration has passed since its record was last seen to change (local time,
 * so clock skew between candidates does not matter). On a clean stop the lock is released (empty
 * holder) so another candidate takes over at its next attempt instead of waiting out the lease.
 * All work runs on the injected scheduler's thread. Once leadership is lost the elector stops, as
 * client-go's does (kube-scheduler and kube-controller-manager then exit); create a new one to
 * compete again.
 */
public final class LeaderElector implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LeaderElector.class);

    private final LeaseLock lock;
    private final LeaderElectionConfig config;
    private final LeaderCallbacks callbacks;
    private final Scheduler scheduler;
    private final ThreadScheduler ownedScheduler;

    private LeaderElectionRecord observed;
    private Instant observedTime;
    private Instant lastRenew;
    private boolean running;
    private boolean leading;
    private Scheduler.Cancellable pending;

    /** An elector on its own named thread, stopped by {@link #close}. */
    public LeaderElector(String name, LeaseLock lock, LeaderElectionConfig config, LeaderCallbacks callbacks) {
        this(lock, config, callbacks, new ThreadScheduler("j8s-leader-election-" + name), true);
    }

    /** An elector driven by {@code scheduler} (a fake one in tests). */
    public LeaderElector(LeaseLock lock, LeaderElectionConfig config, LeaderCallbacks callbacks, Scheduler scheduler) {
        this(lock, config, callbacks, scheduler, false);
    }

    private LeaderElector(LeaseLock lock, LeaderElectionConfig config, LeaderCallbacks callbacks,
                          Scheduler scheduler, boolean owned) {
        this.lock = lock;
        this.config = config;
        this.callbacks = callbacks;
        this.scheduler = scheduler;
        this.ownedScheduler = owned ? (ThreadScheduler) scheduler : null;
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        pending = scheduler.schedule(Duration.ZERO, this::acquireAttempt);
    }

    public synchronized boolean isLeader() {
        return leading;
    }

    /** The holder last observed on the lock ("" when free or unknown). */
    public synchronized String observedLeader() {
        return observed == null ? "" : observed.holderIdentity();
    }

    private synchronized void acquireAttempt() {
        if (!running) {
            return;
        }
        if (tryAcquireOrRenew()) {
            leading = true;
            lastRenew = now();
            log.info("{} became leader of {}", lock.identity(), lock.describe());
            callbacks.onStartedLeading();
            pending = scheduler.schedule(config.retryPeriod(), this::renewAttempt);
        } else {
            pending = scheduler.schedule(jittered(config.retryPeriod()), this::acquireAttempt);
        }
    }

    private synchronized void renewAttempt() {
        if (!running) {
            return;
        }
        if (tryAcquireOrRenew()) {
            lastRenew = now();
        } else if (!Duration.between(lastRenew, now()).minus(config.renewDeadline()).isNegative()) {
            log.warn("{} failed to renew {} within {}: leadership lost", lock.identity(), lock.describe(),
                    config.renewDeadline());
            leading = false;
            running = false;
            callbacks.onStoppedLeading();
            return;
        }
        pending = scheduler.schedule(config.retryPeriod(), this::renewAttempt);
    }

    /** One attempt to take or keep the lock; true when this candidate holds it afterwards. */
    synchronized boolean tryAcquireOrRenew() {
        Instant now = now();
        LeaderElectionRecord desired = new LeaderElectionRecord(lock.identity(),
                (int) config.leaseDuration().toSeconds(), now, now, 0);
        try {
            // Fast path: a leader whose lease is valid writes over the version it last wrote.
            if (holdsObserved() && leaseValid(now)) {
                LeaderElectionRecord renewed = keepHistory(desired, observed);
                try {
                    lock.update(renewed);
                    observe(renewed, now);
                    return true;
                } catch (RuntimeException e) {
                    log.debug("optimistic renewal of {} failed, reading it: {}", lock.describe(), e.toString());
                }
            }
            var current = lock.get();
            if (current.isEmpty()) {
                lock.create(desired);
                observe(desired, now);
                return true;
            }
            LeaderElectionRecord record = current.get();
            if (!record.equals(observed)) {
                observe(record, now);
            }
            if (record.hasHolder() && leaseValid(now) && !holdsObserved()) {
                return false;
            }
            LeaderElectionRecord next = holdsObserved()
                    ? keepHistory(desired, record)
                    : new LeaderElectionRecord(desired.holderIdentity(), desired.leaseDurationSeconds(), now, now,
                            record.leaseTransitions() + 1);
            lock.update(next);
            observe(next, now);
            return true;
        } catch (RuntimeException e) {
            log.debug("{} could not acquire or renew {}: {}", lock.identity(), lock.describe(), e.toString());
            return false;
        }
    }

    private static LeaderElectionRecord keepHistory(LeaderElectionRecord desired, LeaderElectionRecord previous) {
        return new LeaderElectionRecord(desired.holderIdentity(), desired.leaseDurationSeconds(),
                previous.acquireTime(), desired.renewTime(), previous.leaseTransitions());
    }

    private boolean holdsObserved() {
        return observed != null && lock.identity().equals(observed.holderIdentity());
    }

    private boolean leaseValid(Instant now) {
        return observedTime.plusSeconds(observed.leaseDurationSeconds()).isAfter(now);
    }

    private void observe(LeaderElectionRecord record, Instant at) {
        String previousHolder = observed == null ? null : observed.holderIdentity();
        observed = record;
        observedTime = at;
        if (record.hasHolder() && !Objects.equals(previousHolder, record.holderIdentity())) {
            callbacks.onNewLeader(record.holderIdentity());
        }
    }

    private Instant now() {
        return scheduler.clock().instant();
    }

    private Duration jittered(Duration period) {
        if (config.jitterFactor() <= 0) {
            return period;
        }
        double factor = 1 + ThreadLocalRandom.current().nextDouble() * config.jitterFactor();
        return Duration.ofNanos((long) (period.toNanos() * factor));
    }

    /**
     * Stops competing. A leader releases the lock first (when configured to): an empty holder with a
     * 1 s lease, keeping the transition count, as client-go's release does.
     */
    public synchronized void stop() {
        if (!running && !leading) {
            return;
        }
        running = false;
        if (pending != null) {
            pending.cancel();
        }
        if (leading) {
            leading = false;
            if (config.releaseOnCancel()) {
                release();
            }
            callbacks.onStoppedLeading();
        }
    }

    private void release() {
        Instant now = now();
        LeaderElectionRecord released = new LeaderElectionRecord("", 1, now, now, observed.leaseTransitions());
        try {
            lock.update(released);
            observe(released, now);
            log.info("{} released {}", lock.identity(), lock.describe());
        } catch (RuntimeException e) {
            log.warn("{} could not release {}; others take over when it expires: {}", lock.identity(),
                    lock.describe(), e.toString());
        }
    }

    @Override
    public void close() {
        stop();
        if (ownedScheduler != null) {
            ownedScheduler.close();
        }
    }
}
