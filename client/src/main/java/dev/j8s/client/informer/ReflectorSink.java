package dev.j8s.client.informer;

import java.util.List;

/** Where a {@link Reflector} delivers what it learns, on the reflector's thread, in order. */
public interface ReflectorSink<T> {

    /** A (re)list: the complete set of objects at {@code resourceVersion}. */
    void replace(List<T> objects, String resourceVersion);

    void added(T object);

    void modified(T object);

    void deleted(T object);
}
