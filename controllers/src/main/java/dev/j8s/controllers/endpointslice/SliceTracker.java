package dev.j8s.controllers.endpointslice;

import dev.j8s.client.informer.Indexer;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The slices this controller wrote and the cache has not shown yet (Kubernetes' endpointSliceTracker): acting on
 * a cache that misses its own create would create the slice twice. A Service whose writes are not yet
 * observed waits; an expectation that is never met (someone else wrote or deleted the slice) expires.
 */
final class SliceTracker {

    private static final long DELETED = -1;
    private static final Duration EXPIRY = Duration.ofSeconds(10);

    private record Expected(long resourceVersion, Instant since) {}

    private final Map<String, Map<String, Expected>> byService = new ConcurrentHashMap<>();
    private final Clock clock;

    SliceTracker(Clock clock) {
        this.clock = clock;
    }

    void wrote(String serviceKey, EndpointSlice slice) {
        expect(serviceKey, slice.getMetadata().getName(), version(slice));
    }

    void deleted(String serviceKey, String sliceName) {
        expect(serviceKey, sliceName, DELETED);
    }

    private void expect(String serviceKey, String sliceName, long version) {
        byService.computeIfAbsent(serviceKey, k -> new ConcurrentHashMap<>())
                .put(sliceName, new Expected(version, clock.instant()));
    }

    /** Whether the cache still lags a write for this Service; met (or expired) expectations are dropped. */
    boolean stale(String serviceKey, String namespace, Indexer<EndpointSlice> cache) {
        Map<String, Expected> expected = byService.get(serviceKey);
        if (expected == null) {
            return false;
        }
        Instant now = clock.instant();
        expected.entrySet().removeIf(e -> {
            EndpointSlice cached = cache.get(namespace, e.getKey());
            boolean met = e.getValue().resourceVersion() == DELETED ? cached == null
                    : cached != null && version(cached) >= e.getValue().resourceVersion();
            return met || e.getValue().since().plus(EXPIRY).isBefore(now);
        });
        if (expected.isEmpty()) {
            byService.remove(serviceKey, expected);
            return false;
        }
        return true;
    }

    void forget(String serviceKey) {
        byService.remove(serviceKey);
    }

    private static long version(EndpointSlice slice) {
        try {
            return Long.parseLong(slice.getMetadata().getResourceVersion());
        } catch (NumberFormatException | NullPointerException e) {
            return 0;
        }
    }
}
