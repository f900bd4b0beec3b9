package dev.j8s.store.sqlite;

import dev.j8s.store.ConflictException;
import dev.j8s.store.KeyExistsException;
import dev.j8s.store.KeyNotFoundException;
import dev.j8s.store.KeyValue;
import dev.j8s.store.StoreException;
import dev.j8s.store.WatchEvent;
import dev.j8s.store.WatchHub;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer of the SQLite store. It takes every queued operation (up to a batch limit),
 * applies them in one transaction, each successful one getting the next revision, commits once,
 * and only then completes the callers and publishes the events.
 */
final class SqliteWriter {

    private static final Logger log = LoggerFactory.getLogger(SqliteWriter.class);
    private static final int MAX_BATCH = 512;

    /** One queued write. {@code expected} is the CAS revision (0 = any); compaction uses key null. */
    record Op(Kind kind, String key, byte[] value, long expected, CompletableFuture<KeyValue> result) {
        enum Kind { CREATE, UPDATE, DELETE, COMPACT }

        static Op create(String key, byte[] value) {
            return new Op(Kind.CREATE, key, value, 0, new CompletableFuture<>());
        }

        static Op update(String key, byte[] value, long expected) {
            return new Op(Kind.UPDATE, key, value, expected, new CompletableFuture<>());
        }

        static Op delete(String key, long expected) {
            return new Op(Kind.DELETE, key, null, expected, new CompletableFuture<>());
        }
    }

    private static final Op STOP = new Op(Op.Kind.COMPACT, null, null, -1, new CompletableFuture<>());

    private final Connection connection;
    private final WatchHub hub;
    private final LinkedBlockingQueue<Op> queue = new LinkedBlockingQueue<>(100_000);
    private final Thread thread;
    private final PreparedStatement select;
    private final PreparedStatement insertKv;
    private final PreparedStatement updateKv;
    private final PreparedStatement deleteKv;
    private final PreparedStatement insertLog;
    private final PreparedStatement setLastRev;
    private long revision;
    private volatile boolean stopped;

    SqliteWriter(Connection connection, long lastRevision, WatchHub hub) throws SQLException {
        this.connection = connection;
        this.hub = hub;
        this.revision = lastRevision;
        connection.setAutoCommit(false);
        select = connection.prepareStatement("SELECT value, create_rev, mod_rev FROM kv WHERE key = ?");
        insertKv = connection.prepareStatement("INSERT INTO kv (key, value, create_rev, mod_rev) VALUES (?, ?, ?, ?)");
        updateKv = connection.prepareStatement("UPDATE kv SET value = ?, mod_rev = ? WHERE key = ?");
        deleteKv = connection.prepareStatement("DELETE FROM kv WHERE key = ?");
        insertLog = connection.prepareStatement(
                "INSERT INTO log (rev, key, type, value, create_rev, prev_rev) VALUES (?, ?, ?, ?, ?, ?)");
        setLastRev = connection.prepareStatement("UPDATE meta SET value = ? WHERE name = 'last_rev'");
        thread = new Thread(this::run, "j8s-store-writer");
        thread.setDaemon(true);
        thread.start();
    }

    KeyValue submit(Op op) {
        if (stopped) {
            throw new StoreException("the store is closed");
        }
        try {
            queue.put(op);
            return op.result().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while writing");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new StoreException("write failed: " + e.getCause(), e.getCause());
        }
    }

    void compact(long revision) {
        submit(new Op(Op.Kind.COMPACT, null, null, revision, new CompletableFuture<>()));
    }

    void close() {
        stopped = true;
        queue.offer(STOP);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Op op; (op = queue.poll()) != null; ) {
            op.result().completeExceptionally(new StoreException("the store is closed"));
        }
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Closing anyway.
        }
    }

    private void run() {
        List<Op> batch = new ArrayList<>(MAX_BATCH);
        while (true) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(batch, MAX_BATCH - 1);
            boolean stop = batch.remove(STOP);
            if (!batch.isEmpty()) {
                commit(batch);
            }
            batch.clear();
            if (stop) {
                return;
            }
        }
    }

    private void commit(List<Op> batch) {
        long startRevision = revision;
        List<WatchEvent> events = new ArrayList<>(batch.size());
        List<Runnable> completions = new ArrayList<>(batch.size());
        try {
            for (Op op : batch) {
                apply(op, events, completions);
            }
            setLastRev.setLong(1, revision);
            setLastRev.executeUpdate();
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            log.error("store commit of {} writes failed: {}", batch.size(), e.toString());
            try {
                connection.rollback();
            } catch (SQLException ignored) {
                // The transaction is gone either way.
            }
            revision = startRevision;
            StoreException failure = new StoreException("store write failed: " + e.getMessage(), e);
            batch.forEach(op -> op.result().completeExceptionally(failure));
            return;
        }
        if (!events.isEmpty()) {
            hub.publish(events);
        }
        completions.forEach(Runnable::run);
    }

    private void apply(Op op, List<WatchEvent> events, List<Runnable> completions) throws SQLException {
        if (op.kind() == Op.Kind.COMPACT) {
            try (PreparedStatement ps = connection.prepareStatement("DELETE FROM log WHERE rev <= ?");
                 PreparedStatement meta = connection.prepareStatement(
                         "UPDATE meta SET value = ? WHERE name = 'compacted_rev'")) {
                ps.setLong(1, op.expected());
                ps.executeUpdate();
                meta.setLong(1, op.expected());
                meta.executeUpdate();
            }
            completions.add(() -> op.result().complete(null));
            return;
        }
        KeyValue current = current(op.key());
        switch (op.kind()) {
            case CREATE -> {
                if (current != null) {
                    fail(completions, op, new KeyExistsException(op.key()));
                    return;
                }
                long rev = ++revision;
                insertKv.setString(1, op.key());
                insertKv.setBytes(2, op.value());
                insertKv.setLong(3, rev);
                insertKv.setLong(4, rev);
                insertKv.executeUpdate();
                log(rev, op.key(), SqliteSchema.PUT, op.value(), rev, null);
                KeyValue kv = new KeyValue(op.key(), op.value(), rev, rev);
                events.add(new WatchEvent(WatchEvent.Type.PUT, kv, null));
                completions.add(() -> op.result().complete(kv));
            }
            case UPDATE -> {
                if (!checkCas(op, current, completions)) {
                    return;
                }
                long rev = ++revision;
                updateKv.setBytes(1, op.value());
                updateKv.setLong(2, rev);
                updateKv.setString(3, op.key());
                updateKv.executeUpdate();
                log(rev, op.key(), SqliteSchema.PUT, op.value(), current.createRevision(), current.modRevision());
                KeyValue kv = new KeyValue(op.key(), op.value(), current.createRevision(), rev);
                events.add(new WatchEvent(WatchEvent.Type.PUT, kv, current));
                completions.add(() -> op.result().complete(kv));
            }
            case DELETE -> {
                if (!checkCas(op, current, completions)) {
                    return;
                }
                long rev = ++revision;
                deleteKv.setString(1, op.key());
                deleteKv.executeUpdate();
                log(rev, op.key(), SqliteSchema.DELETE, current.value(), current.createRevision(), current.modRevision());
                KeyValue kv = new KeyValue(op.key(), current.value(), current.createRevision(), rev);
                events.add(new WatchEvent(WatchEvent.Type.DELETE, kv, current));
                completions.add(() -> op.result().complete(kv));
            }
            default -> throw new IllegalStateException("unknown op " + op.kind());
        }
    }

    private boolean checkCas(Op op, KeyValue current, List<Runnable> completions) {
        if (current == null) {
            fail(completions, op, new KeyNotFoundException(op.key()));
            return false;
        }
        if (op.expected() != 0 && op.expected() != current.modRevision()) {
            fail(completions, op, new ConflictException(op.key()));
            return false;
        }
        return true;
    }

    private static void fail(List<Runnable> completions, Op op, RuntimeException e) {
        completions.add(() -> op.result().completeExceptionally(e));
    }

    private KeyValue current(String key) throws SQLException {
        select.setString(1, key);
        try (ResultSet rs = select.executeQuery()) {
            return rs.next() ? new KeyValue(key, rs.getBytes(1), rs.getLong(2), rs.getLong(3)) : null;
        }
    }

    private void log(long rev, String key, int type, byte[] value, long createRev, Long prevRev) throws SQLException {
        insertLog.setLong(1, rev);
        insertLog.setString(2, key);
        insertLog.setInt(3, type);
        insertLog.setBytes(4, value);
        insertLog.setLong(5, createRev);
        if (prevRev == null) {
            insertLog.setNull(6, java.sql.Types.INTEGER);
        } else {
            insertLog.setLong(6, prevRev);
        }
        insertLog.executeUpdate();
    }
}
