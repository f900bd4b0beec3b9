package dev.j8s.client.events;

import dev.j8s.api.Json;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReference;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * client-go's EventCorrelator, which keeps repeated events from flooding the API:
 * <ol>
 * <li>aggregation: once 10 events with the same source, object, type and reason but different
 *     messages arrive within 10 minutes, they are recorded as one "(combined from similar events)" event;</li>
 * <li>deduplication: an event identical to one recorded within the last 10 minutes (source, object,
 *     type, reason, message) becomes a patch of the stored one's count and lastTimestamp;</li>
 * <li>spam filtering: each source+object gets a token bucket of 25 events refilled at one per 5 minutes.</li>
 * </ol>
 * Not thread-safe: the broadcaster's single writer thread owns it.
 */
public final class EventCorrelator {

    static final Duration WINDOW = Duration.ofMinutes(10);
    static final int MAX_SIMILAR = 10;
    static final int SPAM_BURST = 25;
    static final Duration SPAM_REFILL = Duration.ofMinutes(5);
    private static final int CACHE_SIZE = 4096;

    /** What to write: {@code event} created, or patched with {@code patch} when non-null; nothing when skipped. */
    public record Result(Event event, String patch, String key, boolean skip) {}

    private record Observed(int count, String firstTimestamp, String name, Instant lastSeen) {}

    private static final class Similar {
        final Set<String> messages = new HashSet<>();
        Instant last;
    }

    private static final class Bucket {
        double tokens = SPAM_BURST;
        Instant last;
    }

    private final Clock clock;
    private final Map<String, Observed> observed = lru();
    private final Map<String, Similar> similar = lru();
    private final Map<String, Bucket> buckets = lru();

    public EventCorrelator(Clock clock) {
        this.clock = clock;
    }

    public Result correlate(Event event) {
        Instant now = clock.instant();
        String aggregateKey = aggregateKey(event);
        Similar group = similar.get(aggregateKey);
        if (group == null || Duration.between(group.last, now).compareTo(WINDOW) > 0) {
            group = new Similar();
            similar.put(aggregateKey, group);
        }
        group.messages.add(event.getMessage());
        group.last = now;
        Event candidate = event;
        String key = aggregateKey + "\u0000" + event.getMessage();
        if (group.messages.size() >= MAX_SIMILAR) {
            candidate = new EventBuilder(event).withMessage("(combined from similar events): " + event.getMessage())
                    .build();
            key = aggregateKey;
        }
        Result result = observe(candidate, key, now);
        if (!allow(spamKey(event), now)) {
            return new Result(null, null, key, true);
        }
        return result;
    }

    /** Remembers the stored event's name so the next repeat patches it. */
    public void recorded(String key, Event stored) {
        Observed o = observed.get(key);
        if (o != null) {
            observed.put(key, new Observed(o.count(), o.firstTimestamp(), stored.getMetadata().getName(),
                    o.lastSeen()));
        }
    }

    private Result observe(Event event, String key, Instant now) {
        Observed last = observed.get(key);
        if (last == null || Duration.between(last.lastSeen(), now).compareTo(WINDOW) > 0) {
            observed.put(key, new Observed(1, event.getFirstTimestamp(), event.getMetadata().getName(), now));
            return new Result(event, null, key, false);
        }
        int count = last.count() + 1;
        observed.put(key, new Observed(count, last.firstTimestamp(), last.name(), now));
        Event repeat = new EventBuilder(event).editMetadata().withName(last.name()).endMetadata()
                .withCount(count).withFirstTimestamp(last.firstTimestamp()).build();
        String patch = Json.string(Json.object()
                .put("count", count)
                .put("lastTimestamp", event.getLastTimestamp())
                .put("message", event.getMessage()));
        return new Result(repeat, patch, key, false);
    }

    private boolean allow(String key, Instant now) {
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket());
        if (bucket.last != null) {
            double refill = (double) Duration.between(bucket.last, now).toNanos() / SPAM_REFILL.toNanos();
            bucket.tokens = Math.min(SPAM_BURST, bucket.tokens + refill);
        }
        bucket.last = now;
        if (bucket.tokens < 1) {
            return false;
        }
        bucket.tokens -= 1;
        return true;
    }

    private static String aggregateKey(Event e) {
        return String.join("\u0000", source(e), objectKey(e.getInvolvedObject()), nz(e.getType()), nz(e.getReason()));
    }

    private static String spamKey(Event e) {
        return source(e) + "\u0000" + objectKey(e.getInvolvedObject());
    }

    private static String source(Event e) {
        return e.getSource() == null ? "" : nz(e.getSource().getComponent()) + "\u0000" + nz(e.getSource().getHost());
    }

    private static String objectKey(ObjectReference ref) {
        return String.join("\u0000", nz(ref.getKind()), nz(ref.getNamespace()), nz(ref.getName()), nz(ref.getUid()),
                nz(ref.getApiVersion()));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static <V> Map<String, V> lru() {
        return new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > CACHE_SIZE;
            }
        };
    }
}
