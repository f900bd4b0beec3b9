package dev.j8s.store.sqlite;

import dev.j8s.store.CompactedException;
import dev.j8s.store.KeyPrefix;
import dev.j8s.store.KeyValue;
import dev.j8s.store.ListResult;
import dev.j8s.store.WatchEvent;
import dev.j8s.store.watch.EventHistory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The queries behind get, list, count, and watch replay from the log table. */
final class SqliteReader implements EventHistory {
    private final ReadPool pool;

    SqliteReader(ReadPool pool) {
        this.pool = pool;
    }

    Optional<KeyValue> get(String key) {
        return pool.inSnapshot(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT value, create_revision, mod_revision FROM kv WHERE key = ?")) {
                query.setString(1, key);
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next()
                            ? Optional.of(new KeyValue(key, rows.getBytes(1), rows.getLong(2), rows.getLong(3)))
                            : Optional.empty();
                }
            }
        });
    }

    /** One page, its remaining count and the revision, all from the same snapshot. */
    ListResult list(String prefix, String startAfter, int limit) {
        KeyPrefix range = KeyPrefix.of(prefix);
        return pool.inSnapshot(connection -> {
            long revision = SqliteSchema.lastRevision(connection);
            List<KeyValue> items = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT key, value, create_revision, mod_revision FROM kv WHERE " + rangeCondition(range, startAfter)
                            + " ORDER BY key LIMIT ?")) {
                int next = bindRange(query, 1, range, startAfter);
                query.setInt(next, limit > 0 ? limit : -1);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        items.add(new KeyValue(rows.getString(1), rows.getBytes(2), rows.getLong(3), rows.getLong(4)));
                    }
                }
            }
            long remaining = limit > 0 && items.size() == limit
                    ? count(connection, range, items.getLast().key())
                    : 0;
            return new ListResult(List.copyOf(items), revision, remaining);
        });
    }

    long count(String prefix) {
        return pool.inSnapshot(connection -> count(connection, KeyPrefix.of(prefix), null));
    }

    @Override
    public List<WatchEvent> read(KeyPrefix prefix, long afterRevision, long upToRevision, int limit) {
        return pool.inSnapshot(connection -> {
            long compacted = SqliteSchema.meta(connection, SqliteSchema.META_COMPACTED);
            if (afterRevision < compacted) {
                throw new CompactedException("revision " + afterRevision + " has been compacted (compacted up to "
                        + compacted + ")");
            }
            List<WatchEvent> events = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT revision, key, deleted, value, create_revision, prev_revision, prev_value FROM log"
                            + " WHERE revision > ? AND revision <= ? AND " + rangeCondition(prefix, null)
                            + " ORDER BY revision LIMIT ?")) {
                query.setLong(1, afterRevision);
                query.setLong(2, upToRevision);
                int next = bindRange(query, 3, prefix, null);
                query.setInt(next, limit);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        events.add(toEvent(rows));
                    }
                }
            }
            return events;
        });
    }

    private static WatchEvent toEvent(ResultSet row) throws SQLException {
        long revision = row.getLong(1);
        String key = row.getString(2);
        boolean deleted = row.getInt(3) == 1;
        byte[] value = row.getBytes(4);
        long createRevision = row.getLong(5);
        long prevRevision = row.getLong(6);
        KeyValue kv = new KeyValue(key, value, createRevision, revision);
        if (deleted) {
            return new WatchEvent(WatchEvent.Type.DELETE, kv, new KeyValue(key, value, createRevision, prevRevision));
        }
        KeyValue prev = prevRevision == 0 ? null : new KeyValue(key, row.getBytes(7), createRevision, prevRevision);
        return new WatchEvent(WatchEvent.Type.PUT, kv, prev);
    }

    private static long count(Connection connection, KeyPrefix range, String after) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT COUNT(*) FROM kv WHERE " + rangeCondition(range, after))) {
            bindRange(query, 1, range, after);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static String rangeCondition(KeyPrefix range, String startAfter) {
        StringBuilder condition = new StringBuilder("key >= ?");
        if (range.end() != null) {
            condition.append(" AND key < ?");
        }
        if (startAfter != null) {
            condition.append(" AND key > ?");
        }
        return condition.toString();
    }

    /** Binds the parameters of {@link #rangeCondition}; returns the next parameter index. */
    private static int bindRange(PreparedStatement query, int index, KeyPrefix range, String startAfter)
            throws SQLException {
        query.setString(index++, range.prefix());
        if (range.end() != null) {
            query.setString(index++, range.end());
        }
        if (startAfter != null) {
            query.setString(index++, startAfter);
        }
        return index;
    }
}
