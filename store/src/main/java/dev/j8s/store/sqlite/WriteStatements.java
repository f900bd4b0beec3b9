package dev.j8s.store.sqlite;

import dev.j8s.store.ConflictException;
import dev.j8s.store.KeyExistsException;
import dev.j8s.store.KeyNotFoundException;
import dev.j8s.store.KeyValue;
import dev.j8s.store.WatchEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The write connection's prepared statements, and how one write becomes rows. Used only by the
 * writer thread. A failed CAS check throws before anything is written, so it fails only its own
 * write and the batch's transaction goes on.
 */
final class WriteStatements implements AutoCloseable {
    private final Statement control;
    private final PreparedStatement insertKv;
    private final PreparedStatement selectKv;
    private final PreparedStatement updateKv;
    private final PreparedStatement deleteKv;
    private final PreparedStatement insertLog;
    private final PreparedStatement compactLog;
    private final PreparedStatement setMeta;

    WriteStatements(Connection connection) throws SQLException {
        this.control = connection.createStatement();
        this.insertKv = connection.prepareStatement("INSERT INTO kv (key, value, create_revision, mod_revision)"
                + " VALUES (?, ?, ?, ?) ON CONFLICT (key) DO NOTHING");
        this.selectKv = connection.prepareStatement(
                "SELECT value, create_revision, mod_revision FROM kv WHERE key = ?");
        this.updateKv = connection.prepareStatement("UPDATE kv SET value = ?, mod_revision = ? WHERE key = ?");
        this.deleteKv = connection.prepareStatement("DELETE FROM kv WHERE key = ?");
        this.insertLog = connection.prepareStatement("INSERT INTO log"
                + " (revision, key, deleted, value, create_revision, prev_revision, prev_value)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)");
        this.compactLog = connection.prepareStatement("DELETE FROM log WHERE revision <= ?");
        this.setMeta = connection.prepareStatement("INSERT INTO meta (name, value) VALUES (?, ?)"
                + " ON CONFLICT (name) DO UPDATE SET value = excluded.value");
    }

    void begin() throws SQLException {
        control.execute("BEGIN IMMEDIATE");
    }

    void commit() throws SQLException {
        control.execute("COMMIT");
    }

    void rollback() {
        try {
            control.execute("ROLLBACK");
        } catch (SQLException ignored) {
            // No transaction was open (BEGIN itself failed): nothing to undo.
        }
    }

    /** Applies a key write as {@code revision} and returns its event. */
    WatchEvent apply(WriteOp op, long revision) throws SQLException {
        return switch (op) {
            case WriteOp.Create create -> create(create, revision);
            case WriteOp.Update update -> update(update, revision);
            case WriteOp.Delete delete -> delete(delete, revision);
            case WriteOp.Compact compact -> throw new IllegalArgumentException("not a key write: " + compact);
        };
    }

    void compact(long revision) throws SQLException {
        compactLog.setLong(1, revision);
        compactLog.executeUpdate();
        setMeta(SqliteSchema.META_COMPACTED, revision);
    }

    private void setMeta(String name, long value) throws SQLException {
        setMeta.setString(1, name);
        setMeta.setLong(2, value);
        setMeta.executeUpdate();
    }

    private WatchEvent create(WriteOp.Create op, long revision) throws SQLException {
        insertKv.setString(1, op.key());
        insertKv.setBytes(2, op.value());
        insertKv.setLong(3, revision);
        insertKv.setLong(4, revision);
        if (insertKv.executeUpdate() == 0) {
            throw new KeyExistsException("key already exists: " + op.key());
        }
        KeyValue kv = new KeyValue(op.key(), op.value(), revision, revision);
        log(kv, false, 0, null);
        return new WatchEvent(WatchEvent.Type.PUT, kv, null);
    }

    private WatchEvent update(WriteOp.Update op, long revision) throws SQLException {
        KeyValue prev = current(op.key(), op.expectedModRevision());
        updateKv.setBytes(1, op.value());
        updateKv.setLong(2, revision);
        updateKv.setString(3, op.key());
        updateKv.executeUpdate();
        KeyValue kv = new KeyValue(op.key(), op.value(), prev.createRevision(), revision);
        log(kv, false, prev.modRevision(), prev.value());
        return new WatchEvent(WatchEvent.Type.PUT, kv, prev);
    }

    private WatchEvent delete(WriteOp.Delete op, long revision) throws SQLException {
        KeyValue prev = current(op.key(), op.expectedModRevision());
        deleteKv.setString(1, op.key());
        deleteKv.executeUpdate();
        KeyValue deleted = new KeyValue(op.key(), prev.value(), prev.createRevision(), revision);
        log(deleted, true, prev.modRevision(), null);
        return new WatchEvent(WatchEvent.Type.DELETE, deleted, prev);
    }

    private KeyValue current(String key, long expectedModRevision) throws SQLException {
        selectKv.setString(1, key);
        KeyValue prev;
        try (ResultSet rows = selectKv.executeQuery()) {
            if (!rows.next()) {
                throw new KeyNotFoundException("key not found: " + key);
            }
            prev = new KeyValue(key, rows.getBytes(1), rows.getLong(2), rows.getLong(3));
        }
        if (expectedModRevision != 0 && prev.modRevision() != expectedModRevision) {
            throw new ConflictException("key " + key + " is at revision " + prev.modRevision()
                    + ", expected " + expectedModRevision);
        }
        return prev;
    }

    private void log(KeyValue kv, boolean deleted, long prevRevision, byte[] prevValue) throws SQLException {
        insertLog.setLong(1, kv.modRevision());
        insertLog.setString(2, kv.key());
        insertLog.setInt(3, deleted ? 1 : 0);
        insertLog.setBytes(4, kv.value());
        insertLog.setLong(5, kv.createRevision());
        insertLog.setLong(6, prevRevision);
        insertLog.setBytes(7, prevValue);
        insertLog.executeUpdate();
    }

    @Override
    public void close() throws SQLException {
        for (Statement statement : new Statement[] {
            control, insertKv, selectKv, updateKv, deleteKv, insertLog, compactLog, setMeta}) {
            statement.close();
        }
    }
}
