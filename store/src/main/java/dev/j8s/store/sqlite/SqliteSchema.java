package dev.j8s.store.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The tables and connection settings. Like kine, every change is a row in {@code log} whose
 * primary key is its revision; unlike kine, the current state is also kept in {@code kv}, written
 * in the same transaction, so reads never have to find the newest log row per key.
 */
final class SqliteSchema {
    static final String META_COMPACTED = "compacted";

    private static final String[] DDL = {
        """
        CREATE TABLE IF NOT EXISTS kv (
            key TEXT PRIMARY KEY,
            value BLOB NOT NULL,
            create_revision INTEGER NOT NULL,
            mod_revision INTEGER NOT NULL
        ) WITHOUT ROWID""",
        // deleted = 1 for DELETE; value is then the last value. prev_value is kept for updates only
        // (for a delete it equals value), so watchers get prevKv even after the old row is compacted.
        """
        CREATE TABLE IF NOT EXISTS log (
            revision INTEGER PRIMARY KEY,
            key TEXT NOT NULL,
            deleted INTEGER NOT NULL,
            value BLOB NOT NULL,
            create_revision INTEGER NOT NULL,
            prev_revision INTEGER NOT NULL,
            prev_value BLOB
        )""",
        // Holds the compacted revision. Log rows after it are never deleted, so the newest revision
        // is the larger of it and the newest log row, even when every later change was a delete.
        """
        CREATE TABLE IF NOT EXISTS meta (
            name TEXT PRIMARY KEY,
            value INTEGER NOT NULL
        ) WITHOUT ROWID""",
    };

    private SqliteSchema() {}

    /** The single write connection. FULL sync in WAL mode fsyncs the WAL on every commit. */
    static Connection openWriter(Path file) throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA journal_mode = WAL");
            statement.execute("PRAGMA synchronous = FULL");
            statement.execute("PRAGMA busy_timeout = 10000");
            statement.execute("PRAGMA cache_size = -32768");
            // Checkpoint every ~40 MB of WAL instead of 4 MB: fewer pauses of the writer thread.
            statement.execute("PRAGMA wal_autocheckpoint = 10000");
            statement.execute("PRAGMA journal_size_limit = 67108864");
            for (String ddl : DDL) {
                statement.execute(ddl);
            }
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    static Connection openReader(Path file) throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA busy_timeout = 10000");
            statement.execute("PRAGMA query_only = true");
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    /**
     * The newest committed revision, as of the connection's snapshot. Compaction never goes past
     * the newest revision and log rows after the compacted one are never deleted, so the newest
     * revision is the newest log row or, if compaction removed them all, the compacted revision.
     */
    static long lastRevision(Connection connection) throws SQLException {
        return Math.max(meta(connection, META_COMPACTED),
                single(connection, "SELECT COALESCE(MAX(revision), 0) FROM log"));
    }

    static long meta(Connection connection, String name) throws SQLException {
        try (var statement = connection.prepareStatement("SELECT value FROM meta WHERE name = ?")) {
            statement.setString(1, name);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getLong(1) : 0;
            }
        }
    }

    private static long single(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
