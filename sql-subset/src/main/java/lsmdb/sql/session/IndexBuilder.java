package lsmdb.sql.session;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
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
 * so nothing else lives in its key range. A value seen before is recognised by its stored bytes
 * ({@link StoredValueIds}) rather than decoded again. With two cores, two threads scan the two halves of the table's
 * key range and then write the two halves of the entries into files of their own ({@link MergedEntries},
 * {@link BulkIngest.Part}); the files still join the tree in one edit.
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
     * the engine cannot ingest. The table is scanned in two halves of its key range at once (two cores), each sorted
     * on its own; the write merges them ({@link MergedEntries}).
     */
    static boolean bulkBuild(LsmDb engine, Table t, Index ix, Snapshot snap, long memoryBudget)
            throws SQLException {
        byte[] split = Runtime.getRuntime().availableProcessors() > 1 ? splitKey(engine, snap, t) : null;
        List<IndexEntrySorter> parts = new ArrayList<>();
        if (split == null) {
            parts.add(scan(engine, t, ix, snap, t.prefix(), t.prefixEnd(), memoryBudget));
        } else {
            byte[] mid = split;
            FutureTask<IndexEntrySorter> upper = new FutureTask<>(
                    () -> scan(engine, t, ix, snap, mid, t.prefixEnd(), memoryBudget / 2));
            startHelper(upper);
            IndexEntrySorter lower = null;
            try {
                lower = scan(engine, t, ix, snap, t.prefix(), mid, memoryBudget / 2);
            } finally {
                IndexEntrySorter higher = awaitHelper(upper); // the helper never outlives the statement
                parts.add(lower);
                parts.add(higher);
            }
        }
        if (parts.contains(null)) {
            return false;
        }
        for (IndexEntrySorter part : parts) {
            part.sort();
        }
        MergedEntries merged = new MergedEntries(parts);
        if (ix.unique() && merged.hasRepeatedNonNull()) {
            throw duplicates(t, ix);
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
            if (parts.size() == 1 || merged.runs() < 2) {
                write(merged, 0, merged.runs(), load::add, t, ix, parts);
            } else {
                // two writers (as two scanners): the upper half of the entries into files of their own
                int mid = merged.pieceStart(1, 2);
                BulkIngest.Part upperFiles = load.newPart();
                FutureTask<Void> upper = new FutureTask<>(() -> {
                    write(merged, mid, merged.runs(), upperFiles::add, t, ix, parts);
                    return null;
                });
                startHelper(upper);
                try {
                    write(merged, 0, mid, load::add, t, ix, parts);
                } finally {
                    awaitHelper(upper); // the helper never outlives the statement
                }
            }
            load.commit();
        } catch (IOException e) {
            throw Errors.io(e);
        }
        return true;
    }

    /** Where one writer puts entries: {@link BulkIngest#add} or a {@link BulkIngest.Part}'s. */
    private interface EntrySink {
        void add(byte[] key, int keyLength, byte[] value, int valueOffset, int valueLength) throws IOException;
    }

    /** Writes the entries of runs {@code [fromRun, toRun)} in key order, from two buffers reused for every entry. */
    private static void write(MergedEntries merged, int fromRun, int toRun, EntrySink sink, Table t, Index ix,
                              List<IndexEntrySorter> parts) throws IOException {
        byte[] prefix = ix.prefix();
        byte[] tablePrefix = t.prefix();
        int longestColumns = 0;
        int longestSuffix = 0;
        for (IndexEntrySorter part : parts) {
            longestColumns = Math.max(longestColumns, part.longestColumns());
            longestSuffix = Math.max(longestSuffix, part.longestSuffix());
        }
        byte[] key = Arrays.copyOf(prefix, prefix.length + longestColumns + longestSuffix);
        byte[] rowKey = Arrays.copyOf(tablePrefix, tablePrefix.length + longestSuffix);
        boolean unique = ix.unique();
        merged.forEach(fromRun, toRun, (part, e) -> {
            int at = part.copyColumns(e, key, prefix.length);
            if (!unique || part.hasNull(e)) {
                at = part.copySuffix(e, key, at);
            }
            int rowKeyLength = part.copySuffix(e, rowKey, tablePrefix.length);
            sink.add(key, at, rowKey, 0, rowKeyLength);
        });
    }

    private static void startHelper(FutureTask<?> task) {
        Thread helper = new Thread(task, "lsmdb-index-build");
        helper.setDaemon(true);
        helper.start();
    }

    /** Waits for the helper thread's task; its failure becomes the caller's. */
    private static <T> T awaitHelper(FutureTask<T> part) throws SQLException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return part.get();
                } catch (InterruptedException e) {
                    interrupted = true; // the scan cannot be left running over the snapshot: wait it out
                }
            }
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof SQLException se) {
                throw se;
            }
            if (c instanceof IOException io) {
                throw Errors.io(io);
            }
            if (c instanceof RuntimeException re) {
                throw re;
            }
            if (c instanceof Error er) {
                throw er;
            }
            throw new IllegalStateException(c);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * A key between the table's first and last row keys (their midpoint as numbers), splitting its rows in two
     * ranges of about equal size when the keys are spread evenly (as sequential ids are); null for fewer than two
     * rows.
     */
    static byte[] splitKey(LsmDb engine, Snapshot snap, Table t) {
        byte[] lo;
        byte[] hi;
        try (LsmIterator it = engine.iterator(snap, t.prefix(), t.prefixEnd())) {
            it.seekToFirst();
            if (!it.isValid()) {
                return null;
            }
            lo = it.key();
            it.seekToLast();
            hi = it.key();
        }
        if (Arrays.equals(lo, hi)) {
            return null;
        }
        return midpoint(lo, hi);
    }

    /** The key halfway between {@code lo} and {@code hi} read as base-256 fractions: lo <= result <= hi. */
    static byte[] midpoint(byte[] lo, byte[] hi) {
        int n = Math.max(lo.length, hi.length) + 1;
        byte[] a = Arrays.copyOf(lo, n);
        byte[] b = Arrays.copyOf(hi, n);
        byte[] sum = new BigInteger(1, a).add(new BigInteger(1, b)).shiftRight(1).toByteArray();
        // toByteArray may add a sign byte or drop leading zeros: right-align into n bytes
        byte[] mid = new byte[n];
        int copy = Math.min(n, sum.length);
        System.arraycopy(sum, sum.length - copy, mid, n - copy, copy);
        return mid;
    }

    /**
     * Scans the rows in {@code [from, to)} decoding only the indexed columns, into a sorter; null if it outgrows
     * {@code memoryBudget}.
     */
    private static IndexEntrySorter scan(LsmDb engine, Table t, Index ix, Snapshot snap, byte[] from, byte[] to,
                                         long memoryBudget) {
        IndexKeys keys = new IndexKeys(ix, t);
        IndexEntrySorter sorter = new IndexEntrySorter();
        boolean[] wanted = new boolean[t.width()];
        for (int slot : ix.slots()) {
            wanted[slot] = true;
        }
        int tablePrefixLength = t.prefix().length;
        int[] stored = storedColumns(t, ix);
        StoredValueIds seen = stored == null ? null : new StoredValueIds();
        int[] starts = stored == null ? null : new int[stored.length];
        int[] ends = stored == null ? null : new int[stored.length];
        byte[] raw = new byte[64]; // the indexed columns' stored bytes, each after a NULL/present byte
        int rawLength = 0;
        Scratch col = new Scratch();
        try (LsmIterator it = engine.iterator(snap, from, to)) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                byte[] rowKey = it.key();
                byte[] value = it.value();
                int id = -1;
                if (seen != null && !seen.full()) {
                    RowCodec.spans(value, t.columns(), t.inKey(), stored, starts, ends);
                    rawLength = 0;
                    for (int i = 0; i < stored.length; i++) {
                        int n = starts[i] < 0 ? 0 : ends[i] - starts[i];
                        if (rawLength + n + 1 > raw.length) {
                            raw = Arrays.copyOf(raw, 2 * (rawLength + n + 1));
                        }
                        raw[rawLength++] = (byte) (starts[i] < 0 ? 0 : 1); // NULL apart from every stored value
                        System.arraycopy(value, Math.max(starts[i], 0), raw, rawLength, n);
                        rawLength += n;
                    }
                    id = seen.get(raw, rawLength);
                }
                if (id < 0) {
                    Object[] row = RowCodec.decodeRow(t, rowKey, value, wanted);
                    col.reset();
                    boolean anyNull = keys.writeColumns(row, col);
                    id = sorter.valueId(col.buffer(), col.size(), anyNull);
                    if (seen != null && !seen.full()) {
                        seen.put(raw, rawLength, id);
                    }
                }
                sorter.add(id, rowKey, tablePrefixLength);
                if ((sorter.size() & 4095) == 0 && sorter.memoryBytes() > memoryBudget) {
                    return null;
                }
            }
        }
        return sorter;
    }

    /**
     * The columns of the stored row that hold the index's columns, ascending, when the build may recognise values by
     * their stored bytes ({@link StoredValueIds}); null for a table changed by ALTER or an index over key columns.
     */
    private static int[] storedColumns(Table t, Index ix) {
        if (!t.stored().isPlain()) {
            return null;
        }
        int[] cols = Arrays.stream(ix.slots()).distinct().sorted().toArray();
        for (int c : cols) {
            if (c >= t.columns().size() || t.inKey()[c]) {
                return null;
            }
        }
        return cols;
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
