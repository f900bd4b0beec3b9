package dev.j8s.client.workqueue;

import dev.j8s.client.time.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * A {@link WorkQueue} that can also add a key after a delay. A key waiting for its delay is kept
 * once, with the earliest of the times asked for (client-go's delaying queue); time comes from the
 * injected {@link Scheduler}.
 */
public class DelayingQueue<K> extends WorkQueue<K> {

    private final Scheduler scheduler;
    private final Map<K, Instant> readyAt = new HashMap<>();
    private final PriorityQueue<Waiting<K>> byTime = new PriorityQueue<>();

    public DelayingQueue(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    public void addAfter(K key, Duration delay) {
        if (isShuttingDown()) {
            return;
        }
        if (delay.isZero() || delay.isNegative()) {
            add(key);
            return;
        }
        Instant due = scheduler.clock().instant().plus(delay);
        synchronized (readyAt) {
            Instant current = readyAt.get(key);
            if (current != null && !due.isBefore(current)) {
                return;
            }
            readyAt.put(key, due);
            byTime.add(new Waiting<>(due, key));
        }
        scheduler.schedule(delay, this::releaseDue);
    }

    /** Keys waiting for their delay to pass. */
    public int delayedLength() {
        synchronized (readyAt) {
            return readyAt.size();
        }
    }

    private void releaseDue() {
        Instant now = scheduler.clock().instant();
        while (true) {
            K key;
            synchronized (readyAt) {
                Waiting<K> head = byTime.peek();
                if (head == null || head.due().isAfter(now)) {
                    return;
                }
                byTime.poll();
                // A key re-scheduled earlier leaves its later entry behind: only the current one counts.
                if (!head.due().equals(readyAt.get(head.key()))) {
                    continue;
                }
                readyAt.remove(head.key());
                key = head.key();
            }
            add(key);
        }
    }

    private record Waiting<K>(Instant due, K key) implements Comparable<Waiting<K>> {
        @Override
        public int compareTo(Waiting<K> other) {
            return due.compareTo(other.due);
        }
    }
}
