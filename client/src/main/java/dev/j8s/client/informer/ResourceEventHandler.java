package dev.j8s.client.informer;

/**
 * What an informer tells its handlers, in the order the cache changed, on the informer's own
 * thread. Handlers should be quick (typically: enqueue a key in a work queue) and must not mutate
 * the objects, which are the cached ones.
 */
public interface ResourceEventHandler<T> {

    default void onAdd(T object) {}

    /** Also called with old == new on a periodic resync. */
    default void onUpdate(T oldObject, T newObject) {}

    /** The object's last known state (after a relist that found it gone, possibly not its final one). */
    default void onDelete(T object) {}
}
