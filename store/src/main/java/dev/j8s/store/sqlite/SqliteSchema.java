package dev.j8s.store.sqlite;

import dev.j8s.store.KeyValue;
import dev.j8s.store.WatchEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Tables and history queries of the SQLite store. */
final class SqliteSchema {

    static final int PUT = 0;
    static final int DELETE = 1;

    private SqliteSchema() {}

    static void create(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS kv (key TEXT PRIMARY KEY, value BLOB NOT NULL, "
                    + "create_rev INTEGER NOT NULL, mod_rev INTEGER NOT NULL) WITHOUT ROWID");
            // The change log: one row per revision. prev_rev points at the row of the previous value.
            s.execute("CREATE TABLE IF NOT EXISTS log (rev INTEGER PRIMARY KEY, key TEXT NOT NULL, "
                    + "type INTEGER NOT NULL, value BLOB NOT NULL, create_rev INTEGER NOT NULL, prev_rev INTEGER)");
            s.execute("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL)");
            s.execute("INSERT OR IGNORE INTO meta (name, value) VALUES ('last_rev', 0), ('compacted_rev', 0)");
        }
    }

    static long lastRevision(Connection c) throws SQLException {
        return meta(c, "last_rev");
    }

    static long compactedRevision(Connection c) throws SQLException {
        return meta(c, "compacted_rev");
    }

    private static long meta(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT value FROM meta WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    /** The smallest string greater than every key starting with {@code prefix}. */
    static String prefixEnd(String prefix) {
        if (prefix.isEmpty()) {
            return "\uffff";
        }
        char last = prefix.charAt(prefix.length() - 1);
        return prefix.substring(0, prefix.length() - 1) + (char) (last + 1);
    }

    /** Committed events after {@code after} for keys under {@code prefix}, in revision order. */
    static List<WatchEvent> eventsAfter(Connection c, long after, String prefix) throws SQLException {
        List<WatchEvent> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT l.rev, l.key, l.type, l.value, l.create_rev, "
                + "l.prev_rev, p.value FROM log l LEFT JOIN log p ON p.rev = l.prev_rev "
                + "WHERE l.rev > ? AND l.key >= ? AND l.key < ? ORDER BY l.rev")) {
            ps.setLong(1, after);
            ps.setString(2, prefix);
            ps.setString(3, prefixEnd(prefix));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long rev = rs.getLong(1);
                    String key = rs.getString(2);
                    int type = rs.getInt(3);
                    byte[] value = rs.getBytes(4);
                    long createRev = rs.getLong(5);
                    long prevRev = rs.getLong(6);
                    boolean hasPrev = !rs.wasNull();
                    byte[] prevValue = rs.getBytes(7);
                    KeyValue kv = new KeyValue(key, value, createRev, rev);
                    // A compacted previous value is unknown; the current value stands in so the
                    // event still reads as an update rather than a creation.
                    KeyValue prev = hasPrev ? new KeyValue(key, prevValue != null ? prevValue : value, createRev, prevRev)
                            : null;
                    out.add(new WatchEvent(type == DELETE ? WatchEvent.Type.DELETE : WatchEvent.Type.PUT, kv, prev));
                }
            }
        }
        return out;
    }
}
