package dev.j8s.controllers.framework;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a controller has written but not yet seen come back through its informer (client-go's
 * UIDTrackingControllerExpectations). A controller that creates 3 pods must not create 3 more
 * because its cache does not show them yet: it records the writes here and skips acting on the
 * key until every create and delete was observed, or until the record is older than the TTL
 * (5 minutes in Kubernetes: a lost watch event must not block the controller forever).
 */
public final class Expectations {

    public static final Duration DEFAULT_TTL = Duration.ofMinutes(5);

    private final Clock clock;
    private final Duration ttl;
    private final Map<String, Record> records = new ConcurrentHashMap<>();

    public Expectations(Clock clock) {
        this(clock, DEFAULT_TTL);
    }

    public Expectations(Clock clock, Duration ttl) {
        this.clock = clock;
        this.ttl = ttl;
    }

    /** True when the controller may act on {@code key}: nothing pending, or the record expired. */
    public boolean satisfied(String key) {
        Record record = records.get(key);
        if (record == null) {
            return true;
        }
        synchronized (record) {
            return record.fulfilled() || !clock.instant().isBefore(record.setAt.plus(ttl));
        }
    }

    /** Before creating {@code count} objects for {@code key}; replaces whatever was expected. */
    public void expectCreations(String key, int count) {
        records.put(key, new Record(clock.instant(), count, Set.of()));
    }

    /** Before deleting the objects {@code deletedKeys} for {@code key}. */
    public void expectDeletions(String key, Collection<String> deletedKeys) {
        records.put(key, new Record(clock.instant(), 0, deletedKeys));
    }

    /** Before creating {@code count} objects and deleting {@code deletedKeys} in one sync (SetExpectations). */
    public void expect(String key, int count, Collection<String> deletedKeys) {
        records.put(key, new Record(clock.instant(), count, deletedKeys));
    }

    /** An add the controller caused was seen (or a create failed and will never be seen). */
    public void creationObserved(String key) {
        Record record = records.get(key);
        if (record != null) {
            synchronized (record) {
                record.adds--;
            }
        }
    }

    /** A delete of {@code deletedKey} was seen; deletes the controller did not expect are ignored. */
    public void deletionObserved(String key, String deletedKey) {
        Record record = records.get(key);
        if (record != null) {
            synchronized (record) {
                record.deletes.remove(deletedKey);
            }
        }
    }

    /** Forgets the key (its owner is gone). */
    public void forget(String key) {
        records.remove(key);
    }

    private static final class Record {
        final Instant setAt;
        int adds;
        final Set<String> deletes;

        Record(Instant setAt, int adds, Collection<String> deletes) {
            this.setAt = setAt;
            this.adds = adds;
            this.deletes = new HashSet<>(deletes);
        }

        boolean fulfilled() {
            return adds <= 0 && deletes.isEmpty();
        }
    }
}
