package dev.j8s.client.informer;

import java.util.List;

/** The values under which an object is filed in one secondary index (none: not in the index). */
@FunctionalInterface
public interface IndexFunction<T> {

    List<String> values(T object);
}
