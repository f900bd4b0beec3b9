package dev.j8s.store.watch;

import dev.j8s.store.KeyPrefix;
import dev.j8s.store.WatchEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * The most recent events, in revision order, in a fixed-size circular buffer. It covers every
 * event with a revision greater than {@link #coveredAfter()}. Not thread-safe: the hub guards it.
 */
final class EventRing {
    private final WatchEvent[] slots;
    private int head;
    private int size;
    private long coveredAfter;

    EventRing(int capacity, long startRevision) {
        if (capacity < 1) {
            throw new IllegalArgumentException("ring capacity must be positive: " + capacity);
        }
        this.slots = new WatchEvent[capacity];
        this.coveredAfter = startRevision;
    }

    /** All events with a revision above this one are in the ring. */
    long coveredAfter() {
        return coveredAfter;
    }

    void add(WatchEvent event) {
        if (size == slots.length) {
            coveredAfter = slots[head].revision();
            slots[head] = event;
            head = (head + 1) % slots.length;
        } else {
            slots[(head + size) % slots.length] = event;
            size++;
        }
    }

    /** Events under {@code prefix} with a revision above {@code afterRevision}, oldest first. */
    List<WatchEvent> after(KeyPrefix prefix, long afterRevision) {
        List<WatchEvent> found = new ArrayList<>();
        for (int i = firstIndexAfter(afterRevision); i < size; i++) {
            WatchEvent event = at(i);
            if (prefix.matches(event.kv().key())) {
                found.add(event);
            }
        }
        return found;
    }

    private int firstIndexAfter(long revision) {
        int low = 0;
        int high = size;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (at(mid).revision() <= revision) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    private WatchEvent at(int logicalIndex) {
        return slots[(head + logicalIndex) % slots.length];
    }
}
