package dev.j8s.store.sqlite;

import dev.j8s.store.StoreException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Read connections. WAL lets them read while the writer commits; each read runs in its own
 * short transaction, so it sees every commit that finished before it started.
 */
final class ReadPool implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ReadPool.class);

    /** A read against one connection, inside one snapshot. */
    @FunctionalInterface
    interface Read<T> {
        T run(Connection connection) throws SQLException;
    }

    private final List<Connection> all = new ArrayList<>();
    private final BlockingQueue<Connection> idle;
    private volatile boolean closed;

    ReadPool(Path file, int size) throws SQLException {
        this.idle = new ArrayBlockingQueue<>(size);
        try {
            for (int i = 0; i < size; i++) {
                Connection connection = SqliteSchema.openReader(file);
                all.add(connection);
                idle.add(connection);
            }
        } catch (SQLException e) {
            close();
            throw e;
        }
    }

    /** Runs {@code read} in one read transaction, so all its queries see the same snapshot. */
    <T> T inSnapshot(Read<T> read) {
        Connection connection = borrow();
        try (Statement control = connection.createStatement()) {
            control.execute("BEGIN");
            try {
                return read.run(connection);
            } finally {
                control.execute("COMMIT");
            }
        } catch (SQLException e) {
            throw new StoreException("read failed: " + e.getMessage(), e);
        } finally {
            idle.add(connection);
        }
    }

    private Connection borrow() {
        if (closed) {
            throw new StoreException("store is closed");
        }
        try {
            return idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for a read connection", e);
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Connection connection : all) {
            try {
                connection.close();
            } catch (SQLException e) {
                log.warn("closing a read connection failed", e);
            }
        }
    }
}
