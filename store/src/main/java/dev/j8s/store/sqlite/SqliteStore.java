package dev.j8s.store.sqlite;

import dev.j8s.store.CompactedException;
import dev.j8s.store.KeyValue;
import dev.j8s.store.ListResult;
import dev.j8s.store.Store;
import dev.j8s.store.StoreException;
import dev.j8s.store.Watch;
import dev.j8s.store.WatchListener;
import dev.j8s.store.watch.WatchHub;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The embedded {@link Store}: one SQLite file in WAL mode with {@code synchronous=FULL}, writes
 * funnelled through a {@link GroupCommitWriter}, reads from a pool of read connections, and
 * watches served by a {@link WatchHub} backed by the log table.
 */
public final class SqliteStore implements Store {
    /** Log rows deleted per compaction transaction, so compaction never stalls writes for long. */
    private static final long COMPACTION_STEP = 10_000;

    private final GroupCommitWriter writer;
    private final ReadPool readPool;
    private final SqliteReader reader;
    private final WatchHub hub;
    private final AutoCompactor compactor;
    private volatile boolean closed;

    private SqliteStore(GroupCommitWriter writer, ReadPool readPool, SqliteReader reader, WatchHub hub,
            SqliteStoreOptions options) {
        this.writer = writer;
        this.readPool = readPool;
        this.reader = reader;
        this.hub = hub;
        this.compactor = options.autoCompactRetain() > 0
                ? new AutoCompactor(this, options.autoCompactRetain(), options.autoCompactInterval())
                : null;
    }

    public static SqliteStore open(Path file) {
        return open(file, SqliteStoreOptions.defaults());
    }

    public static SqliteStore open(Path file, SqliteStoreOptions options) {
        Connection writeConnection = null;
        ReadPool readPool = null;
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            writeConnection = SqliteSchema.openWriter(file);
            long revision = SqliteSchema.lastRevision(writeConnection);
            long compacted = SqliteSchema.meta(writeConnection, SqliteSchema.META_COMPACTED);
            readPool = new ReadPool(file, options.readConnections());
            SqliteReader reader = new SqliteReader(readPool);
            WatchHub hub = new WatchHub(revision, options.watchRingCapacity(), options.watchQueueCapacity(), reader);
            GroupCommitWriter writer = new GroupCommitWriter(writeConnection, revision, compacted, hub, options);
            return new SqliteStore(writer, readPool, reader, hub, options);
        } catch (SQLException | IOException e) {
            closeQuietly(writeConnection, readPool);
            throw new StoreException("cannot open store " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public long currentRevision() {
        return writer.committedRevision();
    }

    @Override
    public Optional<KeyValue> get(String key) {
        return reader.get(key);
    }

    @Override
    public ListResult list(String prefix, String startAfter, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
        return reader.list(prefix, startAfter, limit);
    }

    @Override
    public long count(String prefix) {
        return reader.count(prefix);
    }

    @Override
    public KeyValue create(String key, byte[] value) {
        return writer.submit(new WriteOp.Create(key, value.clone()));
    }

    @Override
    public KeyValue update(String key, byte[] value, long expectedModRevision) {
        return writer.submit(new WriteOp.Update(key, value.clone(), expectedModRevision));
    }

    @Override
    public KeyValue delete(String key, long expectedModRevision) {
        return writer.submit(new WriteOp.Delete(key, expectedModRevision));
    }

    @Override
    public Watch watch(String prefix, long fromRevision, WatchListener listener) {
        if (closed) {
            throw new StoreException("store is closed");
        }
        long compacted = writer.compactedRevision();
        if (fromRevision != 0 && fromRevision < compacted) {
            throw new CompactedException("revision " + fromRevision + " has been compacted (compacted up to "
                    + compacted + ")");
        }
        return hub.subscribe(prefix, fromRevision, listener);
    }

    /** Compacts in steps of {@value #COMPACTION_STEP} revisions, each its own short transaction. */
    @Override
    public void compact(long revision) {
        long target = Math.min(revision, currentRevision());
        long compacted = writer.compactedRevision();
        while (compacted < target) {
            long step = Math.min(target, compacted + COMPACTION_STEP);
            writer.submit(new WriteOp.Compact(step));
            compacted = Math.max(step, writer.compactedRevision());
        }
    }

    @Override
    public long compactedRevision() {
        return writer.compactedRevision();
    }

    /** How the group-commit writer has been batching, for metrics and the throughput probe. */
    public WriteStats writeStats() {
        return writer.stats();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (compactor != null) {
            compactor.close();
        }
        writer.close();
        hub.close();
        readPool.close();
    }

    private static void closeQuietly(Connection connection, ReadPool readPool) {
        if (readPool != null) {
            readPool.close();
        }
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // Already failing to open; the original error is what matters.
            }
        }
    }
}
