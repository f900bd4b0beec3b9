package dev.j8s.store.sqlite;

import java.time.Duration;

/**
 * Tuning of a {@link SqliteStore}.
 *
 * @param maxBatchSize most writes committed in one transaction by the group-commit writer
 * @param batchWindow how long the writer waits for more writes after the first one of a batch;
 *     zero commits at once (batches still form from writes queued during the previous fsync)
 * @param writeQueueCapacity writes that may wait for the writer before callers block
 * @param readConnections size of the read connection pool
 * @param watchRingCapacity recent events kept in memory so that watches start without a query
 * @param watchQueueCapacity live events one watch may have pending before it is ended as too slow
 * @param autoCompactRetain revisions of history automatic compaction keeps; 0 disables it
 * @param autoCompactInterval how often automatic compaction runs
 */
public record SqliteStoreOptions(
        int maxBatchSize,
        Duration batchWindow,
        int writeQueueCapacity,
        int readConnections,
        int watchRingCapacity,
        int watchQueueCapacity,
        long autoCompactRetain,
        Duration autoCompactInterval) {

    public SqliteStoreOptions {
        requirePositive("maxBatchSize", maxBatchSize);
        requirePositive("writeQueueCapacity", writeQueueCapacity);
        requirePositive("readConnections", readConnections);
        requirePositive("watchRingCapacity", watchRingCapacity);
        requirePositive("watchQueueCapacity", watchQueueCapacity);
        if (batchWindow.isNegative()) {
            throw new IllegalArgumentException("batchWindow must not be negative: " + batchWindow);
        }
        if (autoCompactRetain < 0) {
            throw new IllegalArgumentException("autoCompactRetain must not be negative: " + autoCompactRetain);
        }
        if (autoCompactInterval.isNegative() || autoCompactInterval.isZero()) {
            throw new IllegalArgumentException("autoCompactInterval must be positive: " + autoCompactInterval);
        }
    }

    /**
     * Defaults. The ring holds as many events as automatic compaction retains: a watch from any
     * revision still in the history then starts from memory, at the cost of about two values per
     * event (new and previous) of heap.
     */
    public static SqliteStoreOptions defaults() {
        return new SqliteStoreOptions(512, Duration.ZERO, 16_384, 4, 10_000, 10_000, 10_000,
                Duration.ofMinutes(1));
    }

    public SqliteStoreOptions withBatchWindow(Duration window) {
        return new SqliteStoreOptions(maxBatchSize, window, writeQueueCapacity, readConnections,
                watchRingCapacity, watchQueueCapacity, autoCompactRetain, autoCompactInterval);
    }

    public SqliteStoreOptions withMaxBatchSize(int size) {
        return new SqliteStoreOptions(size, batchWindow, writeQueueCapacity, readConnections,
                watchRingCapacity, watchQueueCapacity, autoCompactRetain, autoCompactInterval);
    }

    public SqliteStoreOptions withWatchCapacities(int ring, int queue) {
        return new SqliteStoreOptions(maxBatchSize, batchWindow, writeQueueCapacity, readConnections,
                ring, queue, autoCompactRetain, autoCompactInterval);
    }

    public SqliteStoreOptions withAutoCompaction(long retain, Duration interval) {
        return new SqliteStoreOptions(maxBatchSize, batchWindow, writeQueueCapacity, readConnections,
                watchRingCapacity, watchQueueCapacity, retain, interval);
    }

    private static void requirePositive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }
}
