package dev.j8s.store.watch;

import dev.j8s.store.CompactedException;
import dev.j8s.store.KeyPrefix;
import dev.j8s.store.WatchEvent;
import java.util.List;

/** The durable change log a watch replays from when the in-memory ring no longer covers its start. */
public interface EventHistory {

    /**
     * Events under {@code prefix} with {@code afterRevision < revision <= upToRevision}, oldest
     * first, at most {@code limit} of them.
     *
     * @throws CompactedException if events after {@code afterRevision} have been compacted away
     */
    List<WatchEvent> read(KeyPrefix prefix, long afterRevision, long upToRevision, int limit);
}
