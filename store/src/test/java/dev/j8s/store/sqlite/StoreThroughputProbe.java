package dev.j8s.store.sqlite;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Run by hand: single-key creates per second (1 KiB values) through {@link SqliteStore} versus raw
 * JDBC single-row inserts in autocommit mode (WAL, synchronous=FULL, one connection per thread), at
 * 1, 16 and 64 threads, on a fresh file each time.
 *
 * <pre>java -cp store/target/classes:store/target/test-classes:&lt;deps&gt; \
 *     dev.j8s.store.sqlite.StoreThroughputProbe [seconds-per-run] [directory] [threads,...]</pre>
 */
public final class StoreThroughputProbe {
    private static final String DEFAULT_THREADS = "1,16,64";

    public static void main(String[] args) throws Exception {
        Duration run = Duration.ofSeconds(args.length > 0 ? Long.parseLong(args[0]) : 5);
        Path dir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("j8s-store-probe");
        int[] threadCounts = java.util.Arrays.stream((args.length > 2 ? args[2] : DEFAULT_THREADS).split(","))
                .mapToInt(Integer::parseInt).toArray();
        byte[] value = new byte[1024];
        ThreadLocalRandom.current().nextBytes(value);
        System.out.printf("%-8s %14s %12s %10s %12s %8s%n",
                "threads", "SqliteStore/s", "avg batch", "avg txn ms", "raw JDBC/s", "ratio");
        int round = 0;
        for (int threads : threadCounts) {
            round++;
            Path storeFile = dir.resolve("store-" + round + ".db");
            double store;
            WriteStats stats;
            try (SqliteStore s = SqliteStore.open(storeFile)) {
                store = measure(threads, run, (thread, i) -> s.create("/probe/" + thread + "/" + i, value));
                stats = s.writeStats();
            }
            Path rawFile = dir.resolve("raw-" + round + ".db");
            double raw = measureRaw(rawFile, threads, run, value);
            System.out.printf("%-8d %14.0f %12.1f %10.2f %12.0f %7.1fx%n", threads, store,
                    stats.averageBatchSize(), stats.averageTransactionMillis(), raw, store / raw);
        }
    }

    @FunctionalInterface
    private interface Write {
        void run(int thread, long i) throws Exception;
    }

    private static double measureRaw(Path file, int threads, Duration run, byte[] value) throws Exception {
        try (Connection setup = open(file); Statement ddl = setup.createStatement()) {
            ddl.execute("CREATE TABLE kv (key TEXT PRIMARY KEY, value BLOB NOT NULL,"
                    + " create_revision INTEGER NOT NULL, mod_revision INTEGER NOT NULL) WITHOUT ROWID");
        }
        List<Connection> connections = new ArrayList<>();
        List<PreparedStatement> inserts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Connection connection = open(file);
            connections.add(connection);
            inserts.add(connection.prepareStatement(
                    "INSERT INTO kv (key, value, create_revision, mod_revision) VALUES (?, ?, 0, 0)"));
        }
        try {
            return measure(threads, run, (thread, i) -> {
                PreparedStatement insert = inserts.get(thread);
                insert.setString(1, "/probe/" + thread + "/" + i);
                insert.setBytes(2, value);
                insert.executeUpdate();
            });
        } finally {
            for (Connection connection : connections) {
                connection.close();
            }
        }
    }

    private static Connection open(Path file) throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA journal_mode = WAL");
            statement.execute("PRAGMA synchronous = FULL");
            statement.execute("PRAGMA busy_timeout = 60000");
        }
        return connection;
    }

    /** Runs {@code write} from {@code threads} threads for {@code run}; returns writes per second. */
    private static double measure(int threads, Duration run, Write write) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Long>> counts = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Callable<Long> worker = () -> {
                long n = 0;
                while (!stop.get()) {
                    write.run(thread, n++);
                }
                return n;
            };
            counts.add(pool.submit(worker));
        }
        Thread.sleep(run.toMillis()); // a measuring window, not a wait for state
        stop.set(true);
        long total = 0;
        for (Future<Long> count : counts) {
            total += count.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return total / seconds;
    }
}
