package dev.j8s.client.informer;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers an informer's notifications to its handlers, in order, on one named thread. The queue is
 * bounded: when handlers fall behind, the producer (the reflector) waits, so memory stays flat and
 * the server's watch buffers the rest. Each notification carries the handler list of the moment the
 * cache changed, so a handler added later never sees changes from before its initial replay.
 */
final class EventDispatcher<T> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EventDispatcher.class);

    enum Kind { ADD, UPDATE, DELETE }

    record Notification<T>(Kind kind, T oldObject, T newObject, List<ResourceEventHandler<T>> handlers) {}

    private final BlockingQueue<Notification<T>> queue;
    private final Thread thread;
    private volatile boolean running = true;

    EventDispatcher(String name, int capacity) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.thread = new Thread(this::run, "j8s-informer-" + name);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    void enqueue(Notification<T> notification) {
        if (notification.handlers().isEmpty()) {
            return;
        }
        try {
            while (running && !queue.offer(notification, 100, TimeUnit.MILLISECONDS)) {
                // Full: wait for the handlers, unless the informer is stopping.
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        while (running) {
            Notification<T> n;
            try {
                n = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            for (ResourceEventHandler<T> handler : n.handlers()) {
                deliver(handler, n);
            }
        }
    }

    private static <T> void deliver(ResourceEventHandler<T> handler, Notification<T> n) {
        try {
            switch (n.kind()) {
                case ADD -> handler.onAdd(n.newObject());
                case UPDATE -> handler.onUpdate(n.oldObject(), n.newObject());
                case DELETE -> handler.onDelete(n.oldObject());
            }
        } catch (RuntimeException e) {
            // One failing handler must neither stop the informer nor starve the other handlers.
            log.error("event handler {} failed on {}", handler, n.kind(), e);
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
