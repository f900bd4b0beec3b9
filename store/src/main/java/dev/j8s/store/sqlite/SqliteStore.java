package dev.j8s.store.sqlite;

import dev.j8s.store.CompactedException;
import dev.j8s.store.KeyValue;
import dev.j8s.store.ListResult;
import dev.j8s.store.Store;
import dev.j8s.store.StoreException;
import dev.j8s.store.Watch;
import dev.j8s.store.WatchEvent;
import dev.j8s.store.WatchHub;
import dev.j8s.store.WatchListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded store: SQLite in WAL mode with {@code synchronous=FULL}, a current-state table and a
 * change log (the kine idea: revision = log row id). All writes go through one writer thread that
 * commits whatever is queued as one transaction (group commit), so a write is acknowledged only
 * once durable while many concurrent writers share each fsync.
 */
public final class SqliteStore implements Store {

    private static final Logger log = LoggerFactory.getLogger(SqliteStore.class);

    /** Tunables; {@link #defaults()} suits a single-node control plane. */
    public record Options(int readConnections, int recentEvents, long keepRevisions, long compactEverySeconds) {
        public static Options defaults() {
            return new Options(4, 20_000, 20_000, 60);
        }
    }

    private final Path file;
    private final BlockingQueue<Connection> readers;
    private final SqliteWriter writer;
    private final WatchHub hub;
    private final ExecutorService dispatcher;
    private final ScheduledExecutorService compactor;
    private final Options options;
    private volatile long compacted;

    private SqliteStore(Path file, Options options) throws SQLException {
        this.file = file;
        this.options = options;
        Connection writeConnection = connect(file);
        SqliteSchema.create(writeConnection);
        long last = SqliteSchema.lastRevision(writeConnection);
        compacted = SqliteSchema.compactedRevision(writeConnection);
        readers = new ArrayBlockingQueue<>(options.readConnections());
        for (int i = 0; i < options.readConnections(); i++) {
            Connection c = connect(file);
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA query_only=ON");
            }
            readers.add(c);
        }
        dispatcher = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("j8s-store-watch-", 0).factory());
        hub = new WatchHub(options.recentEvents(), dispatcher, last);
        writer = new SqliteWriter(writeConnection, last, hub);
        compactor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "j8s-store-compactor");
            t.setDaemon(true);
            return t;
        });
        if (options.compactEverySeconds() > 0) {
            compactor.scheduleWithFixedDelay(this::compactOld, options.compactEverySeconds(),
                    options.compactEverySeconds(), TimeUnit.SECONDS);
        }
    }

    public static SqliteStore open(Path file) {
        return open(file, Options.defaults());
    }

    public static SqliteStore open(Path file, Options options) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            return new SqliteStore(file, options);
        } catch (SQLException | java.io.IOException e) {
            throw new StoreException("cannot open the store at " + file + ": " + e.getMessage(), e);
        }
    }

    static Connection connect(Path file) throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA synchronous=FULL");
            s.execute("PRAGMA busy_timeout=30000");
            s.execute("PRAGMA foreign_keys=OFF");
        }
        return c;
    }

    @Override
    public long currentRevision() {
        return hub.lastRevision();
    }

    @Override
    public Optional<KeyValue> get(String key) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT value, create_rev, mod_rev FROM kv WHERE key = ?")) {
                ps.setString(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new KeyValue(key, rs.getBytes(1), rs.getLong(2), rs.getLong(3)))
                            : Optional.empty();
                }
            }
        });
    }

    @Override
    public ListResult list(String prefix, String startAfter, int limit) {
        String from = startAfter == null ? prefix : startAfter;
        String to = SqliteSchema.prefixEnd(prefix);
        return read(c -> {
            c.setAutoCommit(false);
            try {
                long revision = SqliteSchema.lastRevision(c);
                List<KeyValue> items = new ArrayList<>();
                String op = startAfter == null ? ">=" : ">";
                try (PreparedStatement ps = c.prepareStatement("SELECT key, value, create_rev, mod_rev FROM kv WHERE key "
                        + op + " ? AND key < ? ORDER BY key" + (limit > 0 ? " LIMIT " + limit : ""))) {
                    ps.setString(1, from);
                    ps.setString(2, to);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            items.add(new KeyValue(rs.getString(1), rs.getBytes(2), rs.getLong(3), rs.getLong(4)));
                        }
                    }
                }
                long remaining = 0;
                if (limit > 0 && items.size() == limit) {
                    try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM kv WHERE key > ? AND key < ?")) {
                        ps.setString(1, items.get(items.size() - 1).key());
                        ps.setString(2, to);
                        try (ResultSet rs = ps.executeQuery()) {
                            remaining = rs.next() ? rs.getLong(1) : 0;
                        }
                    }
                }
                return new ListResult(items, revision, remaining);
            } finally {
                c.commit();
                c.setAutoCommit(true);
            }
        });
    }

    @Override
    public long count(String prefix) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM kv WHERE key >= ? AND key < ?")) {
                ps.setString(1, prefix);
                ps.setString(2, SqliteSchema.prefixEnd(prefix));
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0L;
                }
            }
        });
    }

    @Override
    public KeyValue create(String key, byte[] value) {
        return writer.submit(SqliteWriter.Op.create(key, value));
    }

    @Override
    public KeyValue update(String key, byte[] value, long expectedModRevision) {
        return writer.submit(SqliteWriter.Op.update(key, value, expectedModRevision));
    }

    @Override
    public KeyValue delete(String key, long expectedModRevision) {
        return writer.submit(SqliteWriter.Op.delete(key, expectedModRevision));
    }

    @Override
    public Watch watch(String prefix, long fromRevision, WatchListener listener) {
        return hub.subscribe(prefix, fromRevision, listener, this::history, rev -> rev < compacted);
    }

    private List<WatchEvent> history(long after, String prefix) {
        if (after < compacted) {
            throw new CompactedException("required revision " + after + " has been compacted");
        }
        return read(c -> SqliteSchema.eventsAfter(c, after, prefix));
    }

    @Override
    public void compact(long revision) {
        long target = Math.min(revision, currentRevision());
        if (target <= compacted) {
            return;
        }
        writer.compact(target);
        compacted = target;
    }

    private void compactOld() {
        try {
            long target = currentRevision() - options.keepRevisions();
            if (target > compacted) {
                compact(target);
            }
        } catch (RuntimeException e) {
            log.warn("store compaction failed: {}", e.toString());
        }
    }

    @Override
    public long compactedRevision() {
        return compacted;
    }

    @Override
    public void close() {
        compactor.shutdownNow();
        writer.close();
        hub.close();
        dispatcher.shutdownNow();
        for (Connection c; (c = readers.poll()) != null; ) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // Closing anyway.
            }
        }
    }

    @Override
    public String toString() {
        return "SqliteStore[" + file + "]";
    }

    private interface ReadAction<T> {
        T apply(Connection c) throws SQLException;
    }

    private <T> T read(ReadAction<T> action) {
        Connection c;
        try {
            c = readers.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for a store connection");
        }
        try {
            return action.apply(c);
        } catch (SQLException e) {
            throw new StoreException("store read failed: " + e.getMessage(), e);
        } finally {
            readers.add(c);
        }
    }
}
