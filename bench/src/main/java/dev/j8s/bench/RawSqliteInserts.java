package dev.j8s.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The reference: the same sqlite-jdbc driver inserting rows of the same size directly, each insert
 * its own durable transaction (WAL, synchronous=FULL), from N threads with their own connections.
 * This is what a naive store without group commit would achieve.
 */
final class RawSqliteInserts {

    private final Path file;

    RawSqliteInserts(Path file) throws SQLException {
        this.file = file;
        try (Connection c = open(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS kv (k TEXT PRIMARY KEY, v BLOB NOT NULL)");
        }
    }

    private Connection open() throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA synchronous=FULL");
            s.execute("PRAGMA busy_timeout=30000");
        }
        return c;
    }

    Result run(String label, int threads, int maxOperations, java.time.Duration maxTime) throws Exception {
        LatencyRecorder latencies = new LatencyRecorder();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        long deadline = System.nanoTime() + maxTime.toNanos();
        byte[] value = new byte[700];
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Connection> connections = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            connections.add(open());
        }
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (Connection c : connections) {
            futures.add(pool.submit(() -> {
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO kv (k, v) VALUES (?, ?)")) {
                    for (int i = next.getAndIncrement(); i < maxOperations && System.nanoTime() < deadline;
                         i = next.getAndIncrement()) {
                        long t0 = System.nanoTime();
                        try {
                            insert.setString(1, label + "-" + i);
                            insert.setBytes(2, value);
                            insert.executeUpdate();
                            latencies.record(System.nanoTime() - t0);
                        } catch (SQLException e) {
                            errors.incrementAndGet();
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        for (Connection c : connections) {
            c.close();
        }
        return new Result("raw SQLite insert (JDBC)", threads, latencies.count(), seconds,
                latencies.percentileMillis(0.50), latencies.percentileMillis(0.99), errors.get());
    }
}
