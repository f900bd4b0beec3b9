package dev.j8s.store;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** Collects a watch's events and checks the listener is never called concurrently. */
public final class RecordingListener implements WatchListener {
    private final List<WatchEvent> events = new CopyOnWriteArrayList<>();
    private final AtomicReference<Throwable> closeCause = new AtomicReference<>();
    private final AtomicBoolean inside = new AtomicBoolean();
    private final AtomicInteger overlaps = new AtomicInteger();
    private final List<String> threadNames = new CopyOnWriteArrayList<>();

    @Override
    public void onEvent(WatchEvent event) {
        if (!inside.compareAndSet(false, true)) {
            overlaps.incrementAndGet();
        }
        threadNames.add(Thread.currentThread().getName());
        events.add(event);
        inside.set(false);
    }

    @Override
    public void onClose(Throwable cause) {
        closeCause.set(cause);
    }

    public List<WatchEvent> events() {
        return events;
    }

    public List<Long> revisions() {
        return events.stream().map(WatchEvent::revision).toList();
    }

    public List<String> keys() {
        return events.stream().map(e -> e.kv().key()).toList();
    }

    public Throwable closeCause() {
        return closeCause.get();
    }

    public int overlaps() {
        return overlaps.get();
    }

    public List<String> threadNames() {
        return threadNames;
    }
}
