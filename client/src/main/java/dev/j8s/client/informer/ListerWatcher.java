package dev.j8s.client.informer;

import dev.j8s.client.ListOptions;
import dev.j8s.client.ResourceClient;
import dev.j8s.client.ResourceList;
import dev.j8s.client.WatchOptions;
import dev.j8s.client.WatchStream;
import io.fabric8.kubernetes.api.model.HasMetadata;

/** The two calls a reflector needs, bound to a resource, a namespace (null: all) and selectors. */
public interface ListerWatcher<T> {

    ResourceList<T> list(ListOptions options);

    WatchStream<T> watch(WatchOptions options);

    static <T extends HasMetadata> ListerWatcher<T> of(ResourceClient<T> client, String namespace,
                                                       String labelSelector, String fieldSelector) {
        return new ListerWatcher<>() {
            @Override
            public ResourceList<T> list(ListOptions options) {
                return client.list(namespace, options.withLabelSelector(labelSelector)
                        .withFieldSelector(fieldSelector));
            }

            @Override
            public WatchStream<T> watch(WatchOptions options) {
                return client.watch(namespace, options.withSelectors(labelSelector, fieldSelector));
            }
        };
    }
}
