package lsmdb.sql.indexbuild;

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
 * Writes a new index's entries for the rows a snapshot holds (SPEC §3.1; the caller holds writers back and publishes
 * the index afterwards).
 *
 * <p>As SQLite and RocksDB bulk loads do: one scan decoding only the indexed columns, the entries put in key order,
 * and written straight into table files that the engine adds to the tree in one MANIFEST edit ({@code BulkIngest})
 * — no log, memtable, flush or compaction on the way. The index id is fresh, so nothing else lives in its key range.
 * A value seen before is recognised by its stored bytes ({@link RowValueIds}) rather than decoded again. With two
 * cores, two threads scan the two halves of the table's key range ({@link TableHalves}). How the entries get into
 * key order:
 * <ul>
 * <li>a non-unique index over a column of few distinct values: not at all — rows come in primary-key order, so
 *     each value's entries do too ({@link StreamedBuild});
 * <li>otherwise sorted in memory, or past the memory budget in sorted runs in temporary files ({@link SortedBuild}).
 * </ul>
 *
 * <p>Crash safety: the entries are made durable first and the catalog entry is written after them. A crash in
 * between leaves entries under an id no catalog entry names; {@code CatalogLoader} deletes such orphans. A failure
 * (23505 among them) deletes whatever was written. Where the engine cannot ingest (replication routes its writes),
 * entries are written in ordinary batches instead.
 */
public final class IndexBuild {

    /** Entries per batch where the engine cannot ingest files. */
    private static final int BATCH = 20_000;

    private IndexBuild() {
    }

    /** Writes every entry of {@code ix} for the rows of {@code snap}; on failure (23505 among them) none is left. */
    public static void write(LsmDb engine, Table t, Index ix, Snapshot snap, long memoryBudget) throws SQLException {
        try {
            if (!bulk(engine, t, ix, snap, memoryBudget)) {
                batched(engine, t, ix, snap);
            }
        } catch (SQLException | RuntimeException e) {
            discard(engine, ix);
            throw e;
        }
    }

    /** By bulk ingest; false (nothing written) if the engine cannot ingest. */
    static boolean bulk(LsmDb engine, Table t, Index ix, Snapshot snap, long memoryBudget) throws SQLException {
        TableHalves halves = TableHalves.of(engine, snap, t);
        if (!ix.unique()) {
            Boolean streamed = StreamedBuild.run(engine, t, ix, snap, halves);
            if (streamed == null || streamed) {
                return streamed != null;
            }
        }
        return SortedBuild.run(engine, t, ix, snap, halves.bounds(), memoryBudget);
    }

    /** Writes the entries in ordinary batches (bounded memory; replication carries them). */
    static void batched(LsmDb engine, Table t, Index ix, Snapshot snap) throws SQLException {
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
                batch.put(entry, keys.entryValue(row, rowKey));
                if (batch.size() >= BATCH) {
                    flush(engine, batch);
                }
            }
            flush(engine, batch);
        } catch (IOException e) {
            throw Errors.io(e);
        }
    }

    /** A bulk ingest for the index's entries, or null where the engine cannot ingest (replication). */
    static BulkIngest ingest(LsmDb engine, Index ix) throws SQLException {
        BulkIngest load;
        try {
            load = engine.bulkIngest();
        } catch (UnsupportedOperationException e) {
            return null;
        } catch (IOException e) {
            throw Errors.io(e);
        }
        if (!ix.unique()) {
            load.omitFilters(); // a non-unique index's entries are only sought (IndexScan), never got
        }
        return load;
    }

    static SQLException duplicates(Table t, Index ix) {
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
}
