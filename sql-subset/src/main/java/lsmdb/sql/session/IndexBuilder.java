package lsmdb.sql.session;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.util.TreeMap;
import lsmdb.core.LsmDb;
import lsmdb.core.LsmIterator;
import lsmdb.core.Snapshot;
import lsmdb.core.WriteBatch;
import lsmdb.sql.Errors;
import lsmdb.sql.catalog.Index;
import lsmdb.sql.catalog.Table;
import lsmdb.sql.codec.IndexKeys;
import lsmdb.sql.codec.RowCodec;
import lsmdb.sql.exec.ReadView;

/**
 * Writes the entries of a new index for the rows a snapshot holds, in batches. REQUIRES: the index is already
 * published (so writers after the snapshot maintain it) and no writer runs between publishing and the snapshot.
 */
final class IndexBuilder {

    private static final int BATCH = 20_000;

    private IndexBuilder() {
    }

    /** Publishes the index, then builds it from a snapshot while writers wait (SPEC §3.1); 23505 leaves nothing. */
    static void create(Database db, Index def) throws SQLException {
        db.schemaLock.writeLock().lock();
        try {
            Table t = db.catalog().get(def.table());
            if (t == null) {
                throw Errors.noSuchTable(def.table());
            }
            Index ix = new Index(def.name(), def.table(), db.catalog().allocateId(), def.unique(), def.slots(),
                    def.columnNames());
            db.catalog().addIndex(ix);
            try (Snapshot snap = db.engine().snapshot()) {
                build(db.engine(), t, ix, snap);
            } catch (SQLException | RuntimeException e) {
                db.catalog().dropIndex(ix.name(), true);
                throw e;
            }
        } finally {
            db.schemaLock.writeLock().unlock();
        }
    }

    static void build(LsmDb engine, Table t, Index ix, Snapshot snap) throws SQLException {
        IndexKeys keys = new IndexKeys(ix, t);
        TreeMap<byte[], byte[]> batch = ReadView.newWriteMap();
        try (LsmIterator it = engine.iterator(snap, t.prefix(), t.prefixEnd())) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                byte[] rowKey = it.key();
                Object[] row = RowCodec.decodeRow(t, rowKey, it.value());
                byte[] entry = keys.entryKey(row, rowKey);
                if (keys.enforcesUniqueness(row) && (batch.containsKey(entry) || engine.get(entry) != null)) {
                    throw new SQLIntegrityConstraintViolationException("cannot create unique index " + ix.name()
                            + ": table " + t.name() + " holds duplicate values in " + ix.columnNames(), "23505");
                }
                batch.put(entry, rowKey);
                if (batch.size() >= BATCH) {
                    flush(engine, batch);
                }
            }
            flush(engine, batch);
        } catch (IOException e) {
            throw Errors.io(e);
        }
    }

    private static void flush(LsmDb engine, TreeMap<byte[], byte[]> entries) throws IOException {
        if (entries.isEmpty()) {
            return;
        }
        WriteBatch b = new WriteBatch();
        entries.forEach(b::put);
        engine.write(b);
        entries.clear();
    }
}
