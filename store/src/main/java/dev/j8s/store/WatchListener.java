package dev.j8s.store;

/** Receives the events of one watch. */
public interface WatchListener {
    void onEvent(WatchEvent event);

    /** The watch ended without being closed (store shut down, or the watcher fell too far behind). */
    default void onClose(Throwable cause) {}
}
