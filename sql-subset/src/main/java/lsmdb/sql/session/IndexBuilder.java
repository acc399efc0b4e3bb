package lsmdb.sql.session;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.util.TreeMap;
import lsmdb.core.BulkIngest;
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
 * Builds a new index over the rows a snapshot holds, then publishes it (SPEC §3.1: writers wait meanwhile).
 *
 * <p>As SQLite and RocksDB bulk loads do: one scan decoding only the indexed columns, the entries put in key order
 * in memory ({@link IndexEntrySorter}), and written straight into table files that the engine adds to the tree in
 * one MANIFEST edit ({@link BulkIngest}) — no log, memtable, flush or compaction on the way. The index id is fresh,
 * so nothing else lives in its key range.
 *
 * <p>Crash safety: the entries are made durable first and the catalog entry is written after them. A crash in
 * between leaves entries under an id no catalog entry names; {@code Catalog.load} deletes such orphans. A failure
 * (23505 among them) deletes whatever was written. Past the memory budget, or where the engine cannot ingest
 * (replication routes its writes), entries are written in ordinary batches instead, with the same ordering.
 */
final class IndexBuilder {

    private static final int BATCH = 20_000;

    private IndexBuilder() {
    }

    /** Builds the index from a snapshot while writers wait, then publishes it; 23505 leaves nothing. */
    static void create(Database db, Index def) throws SQLException {
        db.schemaLock.writeLock().lock();
        try {
            Table t = db.catalog().get(def.table());
            if (t == null) {
                throw Errors.noSuchTable(def.table());
            }
            if (db.catalog().index(def.name()) != null) {
                throw new java.sql.SQLSyntaxErrorException("index " + def.name() + " already exists", "42S11");
            }
            Index ix = new Index(def.name(), def.table(), db.catalog().allocateId(), def.unique(), def.slots(),
                    def.columnNames(), def.descending());
            LsmDb engine = db.engine();
            try (Snapshot snap = engine.snapshot()) {
                if (!bulkBuild(engine, t, ix, snap, db.queryMemory())) {
                    build(engine, t, ix, snap);
                }
            } catch (SQLException | RuntimeException e) {
                discard(engine, ix);
                throw e;
            }
            db.catalog().addIndex(ix);
        } finally {
            db.schemaLock.writeLock().unlock();
        }
    }

    /**
     * Sorts the entries in memory and ingests them; false (nothing written) if they outgrow {@code memoryBudget} or
     * the engine cannot ingest.
     */
    static boolean bulkBuild(LsmDb engine, Table t, Index ix, Snapshot snap, long memoryBudget)
            throws SQLException {
        IndexKeys keys = new IndexKeys(ix, t);
        IndexEntrySorter sorter = new IndexEntrySorter();
        boolean[] wanted = new boolean[t.width()];
        for (int slot : ix.slots()) {
            wanted[slot] = true;
        }
        Scratch col = new Scratch();
        try (LsmIterator it = engine.iterator(snap, t.prefix(), t.prefixEnd())) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                byte[] rowKey = it.key();
                Object[] row = RowCodec.decodeRow(t, rowKey, it.value(), wanted);
                col.reset();
                boolean anyNull = keys.writeColumns(row, col);
                sorter.add(col.buffer(), col.size(), anyNull, rowKey, t.prefix().length);
                if ((sorter.size() & 4095) == 0 && sorter.memoryBytes() > memoryBudget) {
                    return false;
                }
            }
        }
        if (ix.unique()) {
            int dup = sorter.firstRepeatedNonNull();
            if (dup >= 0) {
                throw duplicates(t, ix);
            }
        }
        BulkIngest load;
        try {
            load = engine.bulkIngest();
        } catch (UnsupportedOperationException e) {
            return false;
        } catch (IOException e) {
            throw Errors.io(e);
        }
        try (load) {
            byte[] prefix = ix.prefix();
            byte[] tablePrefix = t.prefix();
            for (int e : sorter.order()) {
                boolean withSuffix = !ix.unique() || sorter.hasNull(e);
                int suffix = sorter.suffixLength(e);
                byte[] key = new byte[prefix.length + sorter.columnsLength(e) + (withSuffix ? suffix : 0)];
                System.arraycopy(prefix, 0, key, 0, prefix.length);
                int at = sorter.copyColumns(e, key, prefix.length);
                if (withSuffix) {
                    sorter.copySuffix(e, key, at);
                }
                byte[] rowKey = new byte[tablePrefix.length + suffix];
                System.arraycopy(tablePrefix, 0, rowKey, 0, tablePrefix.length);
                sorter.copySuffix(e, rowKey, tablePrefix.length);
                load.add(key, rowKey);
            }
            load.commit();
        } catch (IOException e) {
            throw Errors.io(e);
        }
        return true;
    }

    /** Writes the entries in ordinary batches (bounded memory; replication carries them). */
    static void build(LsmDb engine, Table t, Index ix, Snapshot snap) throws SQLException {
        IndexKeys keys = new IndexKeys(ix, t);
        TreeMap<byte[], byte[]> batch = ReadView.newWriteMap();
        try (LsmIterator it = engine.iterator(snap, t.prefix(), t.prefixEnd())) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                byte[] rowKey = it.key();
                Object[] row = RowCodec.decodeRow(t, rowKey, it.value());
                byte[] entry = keys.entryKey(row, rowKey);
                if (keys.enforcesUniqueness(row) && (batch.containsKey(entry) || engine.get(entry) != null)) {
                    throw duplicates(t, ix);
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

    private static SQLException duplicates(Table t, Index ix) {
        return new SQLIntegrityConstraintViolationException("cannot create unique index " + ix.name()
                + ": table " + t.name() + " holds duplicate values in " + ix.columnNames(), "23505");
    }

    /** Removes whatever a failed build wrote (one range delete; the id is never used again). */
    private static void discard(LsmDb engine, Index ix) {
        try {
            engine.deleteRange(ix.prefix(), ix.prefixEnd());
        } catch (IOException | RuntimeException ignored) {
            // the orphaned entries are swept when the catalog next loads
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

    /** A reusable buffer whose bytes can be read in place. */
    private static final class Scratch extends ByteArrayOutputStream {
        Scratch() {
            super(64);
        }

        byte[] buffer() {
            return buf;
        }
    }
}
