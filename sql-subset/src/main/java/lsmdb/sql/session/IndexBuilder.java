package lsmdb.sql.session;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * <p>As SQLite and RocksDB bulk loads do: one scan decoding only the indexed columns, the entries put in key order,
 * and written straight into table files that the engine adds to the tree in one MANIFEST edit ({@link BulkIngest})
 * — no log, memtable, flush or compaction on the way. The index id is fresh, so nothing else lives in its key range.
 * A value seen before is recognised by its stored bytes ({@link RowValueIds}) rather than decoded again. With two
 * cores, two threads scan the two halves of the table's key range (a streamed build rebalances them as they go: the
 * first to finish takes half of what the other has left, {@link ScanRanges}). How the entries get into key order:
 * <ul>
 * <li>a non-unique index over a column of few distinct values: not at all — rows come in primary-key order, so
 *     each value's entries do too, and each value's entries are written while the table is scanned into files of
 *     their own ({@link ValueStreams}), without filter blocks (such entries are only ever sought); a scanner
 *     streams its rows a few hundred at a time ({@link RangeStreamer}), so the per-row loop is compiled once;
 * <li>otherwise in memory ({@link IndexEntrySorter}), each half on its own, then written by two threads in two
 *     halves of the merged order ({@link MergedEntries});
 * <li>past the memory budget, in sorted runs in temporary files, merged into the ingest ({@link SpilledRuns}).
 * </ul>
 *
 * <p>Crash safety: the entries are made durable first and the catalog entry is written after them. A crash in
 * between leaves entries under an id no catalog entry names; {@code Catalog.load} deletes such orphans. A failure
 * (23505 among them) deletes whatever was written. Where the engine cannot ingest (replication routes its writes),
 * entries are written in ordinary batches instead, with the same ordering.
 */
final class IndexBuilder {

    private static final int BATCH = 20_000;
    /**
     * Rows a scanner scans of a range before it hands half of the rest to a scanner that ran out ({@link ScanRanges});
     * the system property lets tests split small tables.
     */
    private static final int SPLIT_AFTER_ROWS = 1 << 16;
    static final String SPLIT_AFTER_ROWS_PROPERTY = "lsmdb.indexBuild.splitAfterRows";

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
     * Builds the index by bulk ingest; false (nothing written) if the engine cannot ingest. The table is scanned in
     * two halves of its key range at once (two cores). A non-unique index over few distinct values is written while
     * it is scanned ({@link ValueStreams}); otherwise each half is sorted on its own and the write merges them
     * ({@link MergedEntries}), or, past {@code memoryBudget}, sorted in runs that the write merges from temporary
     * files ({@link SpilledRuns}).
     */

    static boolean bulkBuild(LsmDb engine, Table t, Index ix, Snapshot snap, long memoryBudget)
            throws SQLException {
        byte[][] ends = Runtime.getRuntime().availableProcessors() > 1 ? firstAndLastKeys(engine, snap, t) : null;
        byte[] split = ends == null ? null : midpoint(ends[0], ends[1]);
        byte[][] bounds = split == null ? new byte[][] {t.prefix(), t.prefixEnd()}
                : new byte[][] {t.prefix(), split, t.prefixEnd()};
        if (!ix.unique()) {
            Boolean streamed = streamBuild(engine, t, ix, snap, bounds, split == null ? null : ends[1]);
            if (streamed == null || streamed) {
                return streamed != null;
            }
        }
        BulkIngest load = bulkIngest(engine, ix);
        if (load == null) {
            return false;
        }
        try (load; SpilledRuns spilled = new SpilledRuns()) {
            int halves = bounds.length - 1;
            List<Callable<IndexEntrySorter>> scans = new ArrayList<>();
            for (int i = 0; i < halves; i++) {
                byte[] from = bounds[i];
                byte[] to = bounds[i + 1];
                scans.add(() -> scan(engine, t, ix, snap, from, to, memoryBudget / halves, spilled));
            }
            List<IndexEntrySorter> parts = inParallel(scans);
            if (spilled.isEmpty()) {
                sortAndWrite(load, t, ix, parts);
            } else {
                mergeAndWrite(load, t, ix, parts, spilled);
            }
            load.commit();
            return true;
        } catch (IOException e) {
            throw Errors.io(e);
        }
    }

    /**
     * The entries that outgrew memory: the scanners' last entries become runs too, and all runs are merged into the
     * ingest ({@link SpilledRuns}).
     */
    private static void mergeAndWrite(BulkIngest load, Table t, Index ix, List<IndexEntrySorter> parts,
                                      SpilledRuns spilled) throws IOException, SQLException {
        for (IndexEntrySorter part : parts) {
            spill(part, t, ix, spilled);
        }
        if (!spilled.mergeInto(load::add)) {
            throw duplicates(t, ix);
        }
    }

    /** Sorts {@code part}'s entries and writes them as a run of {@code spilled}; 23505 for a unique index's repeat. */
    private static void spill(IndexEntrySorter part, Table t, Index ix, SpilledRuns spilled)
            throws IOException, SQLException {
        if (part.size() == 0) {
            return;
        }
        part.sort();
        MergedEntries merged = new MergedEntries(List.of(part));
        if (ix.unique() && merged.hasRepeatedNonNull()) {
            throw duplicates(t, ix);
        }
        try (SpilledRuns.Writer run = spilled.newRun()) {
            write(merged, 0, merged.runs(), run::add, t, ix, List.of(part));
        }
    }

    /** The entries sorted in memory: each part sorted on its own, the write merges them ({@link MergedEntries}). */
    private static void sortAndWrite(BulkIngest load, Table t, Index ix, List<IndexEntrySorter> parts)
            throws SQLException, IOException {
        for (IndexEntrySorter part : parts) {
            part.sort();
        }
        MergedEntries merged = new MergedEntries(parts);
        if (ix.unique() && merged.hasRepeatedNonNull()) {
            throw duplicates(t, ix);
        }
        if (parts.size() == 1 || merged.runs() < 2) {
            write(merged, 0, merged.runs(), load::add, t, ix, parts);
        } else {
            // two writers (as two scanners): the upper half of the entries into files of their own
            int mid = merged.pieceStart(1, 2);
            BulkIngest.Part upperFiles = load.newPart();
            inParallel(List.of(() -> {
                write(merged, 0, mid, load::add, t, ix, parts);
                return Boolean.TRUE;
            }, () -> {
                write(merged, mid, merged.runs(), upperFiles::add, t, ix, parts);
                return Boolean.TRUE;
            }));
        }
    }

    /**
     * A non-unique index written while its table is scanned, one scanner per range of {@code bounds}, rebalanced
     * as they go when {@code lastKey} (the table's last row key) is known ({@link ScanRanges}); true when committed,
     * false (nothing written) when a scanner met too many distinct values, null if the engine cannot ingest.
     */
    private static Boolean streamBuild(LsmDb engine, Table t, Index ix, Snapshot snap, byte[][] bounds,
                                       byte[] lastKey) throws SQLException {
        BulkIngest load = bulkIngest(engine, ix);
        if (load == null) {
            return null;
        }
        try (load) {
            AtomicBoolean gaveUp = new AtomicBoolean();
            ScanRanges ranges = new ScanRanges(Integer.getInteger(SPLIT_AFTER_ROWS_PROPERTY, SPLIT_AFTER_ROWS));
            List<Callable<List<Scanned>>> scans = new ArrayList<>();
            for (int i = 0; i + 1 < bounds.length; i++) {
                boolean last = i + 2 == bounds.length;
                ScanRanges.Range first = ranges.start(bounds[i], bounds[i + 1],
                        last && lastKey != null ? lastKey : bounds[i + 1]);
                boolean steal = lastKey != null;
                scans.add(() -> streamRanges(engine, t, ix, snap, first, steal ? ranges : null, load, gaveUp));
            }
            List<Scanned> scanned = new ArrayList<>();
            for (List<Scanned> own : inParallel(scans)) {
                if (own == null) {
                    return false; // closing the load deletes what was written
                }
                scanned.addAll(own);
            }
            scanned.sort((a, b) -> Arrays.compareUnsigned(a.from(), b.from()));
            List<ValueStreams> inKeyOrder = new ArrayList<>();
            for (Scanned s : scanned) {
                inKeyOrder.add(s.streams());
            }
            ValueStreams.finishAll(inKeyOrder);
            load.commit();
            return true;
        } catch (IOException e) {
            throw Errors.io(e);
        }
    }

    /** The entries of one scanned range, which starts at {@code from}. */
    private record Scanned(byte[] from, ValueStreams streams) {
    }

    /**
     * Streams range {@code first}, then (with {@code ranges}) halves taken from the other scanners' ranges, each
     * into entries of its own that share the thread's values ({@link ValueStreams#nextRange}); null once it or
     * another scanner gave up.
     */
    private static List<Scanned> streamRanges(LsmDb engine, Table t, Index ix, Snapshot snap, ScanRanges.Range first,
                                              ScanRanges ranges, BulkIngest load, AtomicBoolean gaveUp)
            throws IOException {
        List<Scanned> own = new ArrayList<>();
        ScanRanges.Range r = first;
        ValueStreams streams = new ValueStreams(load, t, ix);
        for (int steals = 0; r != null; steals++) {
            if (!streamRange(engine, snap, r, streams, gaveUp)) {
                return null;
            }
            own.add(new Scanned(r.from, streams));
            streams = streams.nextRange();
            r = ranges != null && steals < ScanRanges.MAX_STEALS ? ranges.steal() : null;
        }
        return own;
    }

    /**
     * Streams the entries of the rows of {@code r} into {@code streams}, a chunk at a time ({@link RangeStreamer}),
     * handing the upper half of the rest to a scanner that asks for it between chunks; false once it or another
     * scanner gave up (a failure makes the others give up too).
     */
    private static boolean streamRange(LsmDb engine, Snapshot snap, ScanRanges.Range r, ValueStreams streams,
                                       AtomicBoolean gaveUp) throws IOException {
        boolean done = false;
        RangeStreamer rows = new RangeStreamer(streams);
        LsmIterator it = engine.iterator(snap, r.from, r.to());
        try {
            it.seekToFirst();
            while (it.isValid()) {
                if (!rows.streamRows(it) || gaveUp.get()) {
                    return false;
                }
                if (it.isValid() && r.splitWanted()) {
                    byte[] end = r.split(rows.lastKey(), rows.rows());
                    if (end != null) { // the rest of the range now ends at end: a cursor bounded there
                        byte[] next = it.key();
                        if (Arrays.compareUnsigned(next, end) >= 0) {
                            break;
                        }
                        LsmIterator rest = engine.iterator(snap, next, end);
                        it.close();
                        it = rest;
                        it.seekToFirst();
                    }
                }
            }
            done = true;
            return true;
        } finally {
            it.close();
            r.finish();
            if (!done) {
                gaveUp.set(true);
            }
        }
    }

    /** A bulk ingest for the index's entries, or null where the engine cannot ingest (replication). */
    private static BulkIngest bulkIngest(LsmDb engine, Index ix) throws SQLException {
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

    /**
     * Runs the tasks at once, the last on this thread and each other on a helper thread of its own; their results
     * in order. A failure of any becomes the caller's, after every task ended (no helper outlives the statement).
     */
    private static <T> List<T> inParallel(List<Callable<T>> tasks) throws SQLException {
        List<FutureTask<T>> helpers = new ArrayList<>();
        for (int i = 0; i + 1 < tasks.size(); i++) {
            FutureTask<T> f = new FutureTask<>(tasks.get(i));
            startHelper(f);
            helpers.add(f);
        }
        FutureTask<T> own = new FutureTask<>(tasks.get(tasks.size() - 1));
        own.run();
        List<T> results = new ArrayList<>();
        SQLException failure = null;
        RuntimeException runtime = null;
        Error error = null;
        helpers.add(own);
        for (FutureTask<T> f : helpers) {
            try {
                results.add(awaitHelper(f));
            } catch (SQLException e) {
                failure = failure == null ? e : failure;
            } catch (RuntimeException e) {
                runtime = runtime == null ? e : runtime;
            } catch (Error e) {
                error = error == null ? e : error;
            }
        }
        if (error != null) {
            throw error;
        }
        if (runtime != null) {
            throw runtime;
        }
        if (failure != null) {
            throw failure;
        }
        return results;
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

    /** The table's first and last row keys; null for fewer than two rows. */
    static byte[][] firstAndLastKeys(LsmDb engine, Snapshot snap, Table t) {
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
        return Arrays.equals(lo, hi) ? null : new byte[][] {lo, hi};
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
     * Scans the rows in {@code [from, to)} decoding only the indexed columns, into a sorter; each time it outgrows
     * {@code memoryBudget} its entries are sorted into a run of {@code spilled} and a new one starts. Returns the
     * last one.
     */
    private static IndexEntrySorter scan(LsmDb engine, Table t, Index ix, Snapshot snap, byte[] from, byte[] to,
                                         long memoryBudget, SpilledRuns spilled) throws IOException, SQLException {
        IndexEntrySorter sorter = new IndexEntrySorter();
        RowValueIds ids = new RowValueIds(t, ix, sorter);
        int tablePrefixLength = t.prefix().length;
        try (LsmIterator it = engine.iterator(snap, from, to)) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                byte[] rowKey = it.key();
                sorter.add(ids.id(it, rowKey), rowKey, tablePrefixLength);
                if ((sorter.size() & 255) == 0 && sorter.memoryBytes() > memoryBudget) {
                    spill(sorter, t, ix, spilled);
                    sorter = new IndexEntrySorter();
                    ids = new RowValueIds(t, ix, sorter);
                }
            }
        }
        return sorter;
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
}
