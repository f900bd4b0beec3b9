package dev.j8s.store.sqlite;

/**
 * Counters of the group-commit writer since the store was opened.
 *
 * @param transactions committed (or failed) write transactions
 * @param writes writes they carried, failed preconditions included
 * @param transactionNanos time spent running and committing them, fsync included
 */
public record WriteStats(long transactions, long writes, long transactionNanos) {

    public double averageBatchSize() {
        return transactions == 0 ? 0 : (double) writes / transactions;
    }

    public double averageTransactionMillis() {
        return transactions == 0 ? 0 : transactionNanos / 1e6 / transactions;
    }
}
