package dev.j8s.store.sqlite;

import dev.j8s.store.KeyValue;
import dev.j8s.store.StoreException;
import dev.j8s.store.WatchEvent;
import dev.j8s.store.watch.WatchHub;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: one thread owns the write connection and commits whatever writes have queued up
 * (up to a bound) in a single transaction, so one fsync acknowledges many callers. Each write gets
 * its own revision in queue order. Events are published to the watch hub after the commit and
 * before callers are released, so a caller that sees its write acknowledged can watch from its
 * revision and a watcher never sees a write that could still be rolled back.
 */
final class GroupCommitWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GroupCommitWriter.class);

    private record Pending(WriteOp op, CompletableFuture<KeyValue> result) {}

    private final Connection connection;
    private final WriteStatements statements;
    private final WatchHub hub;
    private final int maxBatchSize;
    private final long batchWindowNanos;
    private final BlockingQueue<Pending> queue;
    private final Thread thread;
    private volatile boolean closed;
    /** Written only by the writer thread; the newest durable revision. */
    private volatile long committedRevision;
    private volatile long compactedRevision;
    private volatile WriteStats stats = new WriteStats(0, 0, 0);

    GroupCommitWriter(Connection connection, long revision, long compactedRevision, WatchHub hub,
            SqliteStoreOptions options) throws SQLException {
        this.connection = connection;
        this.statements = new WriteStatements(connection);
        this.hub = hub;
        this.maxBatchSize = options.maxBatchSize();
        this.batchWindowNanos = options.batchWindow().toNanos();
        this.queue = new ArrayBlockingQueue<>(options.writeQueueCapacity());
        this.committedRevision = revision;
        this.compactedRevision = compactedRevision;
        this.thread = Thread.ofPlatform().name("j8s-store-writer").daemon(true).unstarted(this::run);
        thread.start();
    }

    long committedRevision() {
        return committedRevision;
    }

    long compactedRevision() {
        return compactedRevision;
    }

    WriteStats stats() {
        return stats;
    }

    /** Queues a write and waits until it is durable (or has failed). */
    KeyValue submit(WriteOp op) {
        if (closed) {
            throw closedException();
        }
        Pending pending = new Pending(op, new CompletableFuture<>());
        try {
            queue.put(pending);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while queueing a write", e);
        }
        if (closed) {
            // close() may have drained the queue before this write arrived.
            failQueued();
        }
        try {
            return pending.result().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new StoreException("write failed", e.getCause());
        }
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(maxBatchSize);
        while (!closed) {
            try {
                collect(batch);
            } catch (InterruptedException e) {
                break;
            }
            long start = System.nanoTime();
            try {
                commit(batch);
            } catch (RuntimeException | Error e) {
                log.error("write batch failed unexpectedly", e);
                fail(batch, new StoreException("write failed", e));
            }
            WriteStats before = stats;
            stats = new WriteStats(before.transactions() + 1, before.writes() + batch.size(),
                    before.transactionNanos() + System.nanoTime() - start);
            batch.clear();
        }
        fail(batch, closedException());
        failQueued();
    }

    private void collect(List<Pending> batch) throws InterruptedException {
        batch.add(queue.take());
        queue.drainTo(batch, maxBatchSize - batch.size());
        if (batchWindowNanos == 0) {
            return;
        }
        long deadline = System.nanoTime() + batchWindowNanos;
        while (batch.size() < maxBatchSize) {
            Pending next = queue.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (next == null) {
                return;
            }
            batch.add(next);
            queue.drainTo(batch, maxBatchSize - batch.size());
        }
    }

    private void commit(List<Pending> batch) {
        long revision = committedRevision;
        long compacted = compactedRevision;
        List<WatchEvent> events = new ArrayList<>(batch.size());
        Object[] outcomes = new Object[batch.size()];
        try {
            statements.begin();
            for (int i = 0; i < batch.size(); i++) {
                WriteOp op = batch.get(i).op();
                try {
                    if (op instanceof WriteOp.Compact compact) {
                        long target = Math.min(compact.revision(), revision);
                        if (target > compacted) {
                            statements.compact(target);
                            compacted = target;
                        }
                        outcomes[i] = null;
                    } else {
                        WatchEvent event = statements.apply(op, revision + 1);
                        revision++;
                        events.add(event);
                        outcomes[i] = event.kv();
                    }
                } catch (StoreException precondition) {
                    outcomes[i] = precondition;
                }
            }
            statements.commit();
        } catch (SQLException e) {
            statements.rollback();
            fail(batch, new StoreException("write transaction failed: " + e.getMessage(), e));
            return;
        }
        committedRevision = revision;
        compactedRevision = compacted;
        hub.publish(events);
        for (int i = 0; i < batch.size(); i++) {
            CompletableFuture<KeyValue> result = batch.get(i).result();
            if (outcomes[i] instanceof StoreException failure) {
                result.completeExceptionally(failure);
            } else {
                result.complete((KeyValue) outcomes[i]);
            }
        }
    }

    private void fail(List<Pending> batch, StoreException cause) {
        for (Pending pending : batch) {
            pending.result().completeExceptionally(cause);
        }
    }

    private void failQueued() {
        List<Pending> abandoned = new ArrayList<>();
        queue.drainTo(abandoned);
        fail(abandoned, closedException());
    }

    private static StoreException closedException() {
        return new StoreException("store is closed");
    }

    /** Lets the batch in progress finish, fails queued writes and closes the connection. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        thread.interrupt();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        failQueued();
        try {
            statements.close();
            connection.close();
        } catch (SQLException e) {
            log.warn("closing the write connection failed", e);
        }
    }
}
