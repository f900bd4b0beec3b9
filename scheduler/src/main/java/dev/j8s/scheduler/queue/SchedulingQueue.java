package dev.j8s.scheduler.queue;

import dev.j8s.scheduler.framework.PodInfo;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Kubernetes' PriorityQueue of pending pods in three parts:
 * <ul>
 * <li>activeQ: pods to try now, highest {@code spec.priority} first, then oldest queue time
 *     (the PrioritySort plugin's order);</li>
 * <li>backoffQ: pods that failed recently, held for 1 s doubling per attempt up to 10 s;</li>
 * <li>unschedulable: pods no node fits, parked until a {@link ClusterEvent} that may help them,
 *     or for at most 5 minutes.</li>
 * </ul>
 * A pod that failed while a cluster event arrived during its cycle goes to backoffQ instead of
 * being parked, so the event is not lost. Time comes from the injected {@link Clock}; whoever owns
 * the queue calls {@link #flushBackoffCompleted()} and {@link #flushUnschedulableLeftover()}
 * periodically (Kubernetes: every 1 s and 30 s).
 */
public final class SchedulingQueue {

    public static final Duration INITIAL_BACKOFF = Duration.ofSeconds(1);
    public static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
    public static final Duration MAX_UNSCHEDULABLE_DURATION = Duration.ofMinutes(5);

    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final PriorityQueue<QueuedPodInfo> activeQ = new PriorityQueue<>(
            Comparator.comparingInt((QueuedPodInfo p) -> p.podInfo().priority()).reversed()
                    .thenComparing(QueuedPodInfo::timestamp));
    private final PriorityQueue<QueuedPodInfo> backoffQ = new PriorityQueue<>(Comparator.comparing(this::backoffExpiry));
    private final Map<String, QueuedPodInfo> unschedulable = new HashMap<>();
    /** Where each queued pod is: activeQ, backoffQ or unschedulable; popped pods are in flight. */
    private final Map<String, QueuedPodInfo> queued = new HashMap<>();
    private final Set<String> inFlight = new HashSet<>();
    /** The latest version of pods updated while being scheduled, applied when they come back. */
    private final Map<String, PodInfo> inFlightUpdates = new HashMap<>();
    private long schedulingCycle;
    private long moveRequestCycle = -1;
    private boolean closed;

    public SchedulingQueue(Clock clock) {
        this.clock = clock;
    }

    /** A new pending pod: straight to activeQ. */
    public void add(Pod pod) {
        lock.lock();
        try {
            PodInfo info = PodInfo.of(pod);
            if (queued.containsKey(info.key()) || inFlight.contains(info.key())) {
                update(pod);
                return;
            }
            QueuedPodInfo queuedPod = new QueuedPodInfo(info, clock.instant());
            queued.put(info.key(), queuedPod);
            activeQ.add(queuedPod);
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
    }

    /**
     * A pending pod changed. In activeQ or backoffQ it is just replaced; a parked pod is retried,
     * since the change (tolerations, affinity, requests) may make it fit.
     */
    public void update(Pod pod) {
        lock.lock();
        try {
            PodInfo info = PodInfo.of(pod);
            QueuedPodInfo existing = queued.get(info.key());
            if (existing == null) {
                if (inFlight.contains(info.key())) {
                    inFlightUpdates.put(info.key(), info);
                } else {
                    add(pod);
                }
                return;
            }
            if (unschedulable.remove(info.key()) != null) {
                existing.setPodInfo(info);
                requeue(existing);
            } else if (activeQ.remove(existing)) {
                existing.setPodInfo(info);
                activeQ.add(existing);
            } else if (backoffQ.remove(existing)) {
                existing.setPodInfo(info);
                backoffQ.add(existing);
            }
        } finally {
            lock.unlock();
        }
    }

    /** The pod was deleted or bound by someone else. */
    public void delete(Pod pod) {
        lock.lock();
        try {
            String key = PodInfo.keyOf(pod);
            // an in-flight pod that is deleted must not come back when its cycle ends
            inFlight.remove(key);
            inFlightUpdates.remove(key);
            QueuedPodInfo existing = queued.remove(key);
            if (existing != null) {
                activeQ.remove(existing);
                backoffQ.remove(existing);
                unschedulable.remove(key);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Blocks until a pod is active and takes it (counting the attempt), or returns null once the
     * queue is closed. The caller must report the outcome with {@link #done} or
     * {@link #addUnschedulable}/{@link #addBackoff}.
     */
    public QueuedPodInfo pop() throws InterruptedException {
        lock.lock();
        try {
            while (activeQ.isEmpty() && !closed) {
                notEmpty.await();
            }
            if (closed) {
                return null;
            }
            QueuedPodInfo pod = activeQ.poll();
            queued.remove(pod.key());
            inFlight.add(pod.key());
            pod.incrementAttempts();
            schedulingCycle++;
            return pod;
        } finally {
            lock.unlock();
        }
    }

    /** Non-blocking {@link #pop()}: null when no pod is active. */
    public QueuedPodInfo poll() {
        lock.lock();
        try {
            return activeQ.isEmpty() || closed ? null : pop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            lock.unlock();
        }
    }

    /** The scheduling cycle number of the pod last popped: passed back to {@link #addUnschedulable}. */
    public long schedulingCycle() {
        lock.lock();
        try {
            return schedulingCycle;
        } finally {
            lock.unlock();
        }
    }

    /** The popped pod was scheduled (or given up on). */
    public void done(String podKey) {
        lock.lock();
        try {
            inFlight.remove(podKey);
            inFlightUpdates.remove(podKey);
        } finally {
            lock.unlock();
        }
    }

    /**
     * No node fit the pod in the cycle numbered {@code podSchedulingCycle}. It is parked, unless a
     * cluster event arrived since that cycle began: then it goes to backoffQ so the event counts.
     */
    public void addUnschedulable(QueuedPodInfo pod, long podSchedulingCycle) {
        lock.lock();
        try {
            if (!inFlight.remove(pod.key()) || queued.containsKey(pod.key())) {
                return; // deleted or re-added while it was being scheduled
            }
            pod.setTimestamp(clock.instant());
            queued.put(pod.key(), pod);
            PodInfo updated = inFlightUpdates.remove(pod.key());
            if (updated != null) {
                // the pod changed while it was tried: the change may make it fit, retry it
                pod.setPodInfo(updated);
                requeue(pod);
            } else if (moveRequestCycle >= podSchedulingCycle) {
                backoffQ.add(pod);
            } else {
                unschedulable.put(pod.key(), pod);
            }
        } finally {
            lock.unlock();
        }
    }

    /** The pod failed for an internal reason (error, failed binding): retry after its backoff. */
    public void addBackoff(QueuedPodInfo pod) {
        lock.lock();
        try {
            if (!inFlight.remove(pod.key()) || queued.containsKey(pod.key())) {
                return;
            }
            pod.setTimestamp(clock.instant());
            queued.put(pod.key(), pod);
            PodInfo updated = inFlightUpdates.remove(pod.key());
            if (updated != null) {
                pod.setPodInfo(updated);
            }
            backoffQ.add(pod);
        } finally {
            lock.unlock();
        }
    }

    /** Retries the parked pods {@code event} may help: to activeQ, or backoffQ while backing off. */
    public void moveAllToActiveOrBackoff(ClusterEvent event) {
        lock.lock();
        try {
            Iterator<QueuedPodInfo> it = unschedulable.values().iterator();
            while (it.hasNext()) {
                QueuedPodInfo pod = it.next();
                if (event.mayHelp(pod.unschedulablePlugins())) {
                    it.remove();
                    requeue(pod);
                }
            }
            moveRequestCycle = schedulingCycle;
        } finally {
            lock.unlock();
        }
    }

    /** Moves pods whose backoff has expired to activeQ. */
    public void flushBackoffCompleted() {
        lock.lock();
        try {
            Instant now = clock.instant();
            boolean moved = false;
            while (!backoffQ.isEmpty() && !backoffExpiry(backoffQ.peek()).isAfter(now)) {
                activeQ.add(backoffQ.poll());
                moved = true;
            }
            if (moved) {
                notEmpty.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Retries pods parked longer than {@link #MAX_UNSCHEDULABLE_DURATION}, whatever happened. */
    public void flushUnschedulableLeftover() {
        lock.lock();
        try {
            Instant now = clock.instant();
            List<QueuedPodInfo> expired = new ArrayList<>();
            for (QueuedPodInfo pod : unschedulable.values()) {
                if (!now.isBefore(pod.timestamp().plus(MAX_UNSCHEDULABLE_DURATION))) {
                    expired.add(pod);
                }
            }
            for (QueuedPodInfo pod : expired) {
                unschedulable.remove(pod.key());
                requeue(pod);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Wakes {@link #pop()} callers, which then return null. */
    public void close() {
        lock.lock();
        try {
            closed = true;
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Kubernetes' backoff: 1 s for the first attempt, doubled per further attempt, at most 10 s. */
    public static Duration backoffDuration(int attempts) {
        Duration duration = INITIAL_BACKOFF;
        for (int i = 1; i < attempts; i++) {
            duration = duration.multipliedBy(2);
            if (duration.compareTo(MAX_BACKOFF) > 0) {
                return MAX_BACKOFF;
            }
        }
        return duration;
    }

    public int activeCount() {
        return count(activeQ::size);
    }

    public int backoffCount() {
        return count(backoffQ::size);
    }

    public int unschedulableCount() {
        return count(unschedulable::size);
    }

    private int count(java.util.function.IntSupplier size) {
        lock.lock();
        try {
            return size.getAsInt();
        } finally {
            lock.unlock();
        }
    }

    private void requeue(QueuedPodInfo pod) {
        if (backoffExpiry(pod).isAfter(clock.instant())) {
            backoffQ.add(pod);
        } else {
            activeQ.add(pod);
            notEmpty.signal();
        }
    }

    private Instant backoffExpiry(QueuedPodInfo pod) {
        return pod.timestamp().plus(backoffDuration(pod.attempts()));
    }
}
