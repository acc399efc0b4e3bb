package lsmdb.sql.indexbuild;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import lsmdb.core.BulkIngest;
import lsmdb.core.LsmDb;
import lsmdb.core.LsmIterator;
import lsmdb.core.Snapshot;
import lsmdb.sql.Errors;
import lsmdb.sql.catalog.Index;
import lsmdb.sql.catalog.Table;
import lsmdb.sql.codec.IndexKeys;

/**
 * An index whose entries must be sorted: each scanner's entries are sorted in memory ({@link IndexEntrySorter}) and
 * written by two threads in two halves of their merged order ({@link MergedEntries}); past the memory budget, in
 * sorted runs in temporary files merged into the ingest ({@link SpilledRuns}). A unique index's repeated value is
 * found in the merged order: 23505, nothing left.
 */
final class SortedBuild {

    private SortedBuild() {
    }

    /** Writes and commits the entries, one scanner per range of {@code bounds}; false if the engine cannot ingest. */
    static boolean run(LsmDb engine, Table t, Index ix, Snapshot snap, byte[][] bounds, long memoryBudget)
            throws SQLException {
        BulkIngest load = IndexBuild.ingest(engine, ix);
        if (load == null) {
            return false;
        }
        try (load; SpilledRuns spilled = new SpilledRuns()) {
            int scanners = bounds.length - 1;
            List<Callable<IndexEntrySorter>> scans = new ArrayList<>();
            for (int i = 0; i < scanners; i++) {
                byte[] from = bounds[i];
                byte[] to = bounds[i + 1];
                scans.add(() -> scan(engine, t, ix, snap, from, to, memoryBudget / scanners, spilled));
            }
            List<IndexEntrySorter> parts = BuildThreads.inParallel(scans);
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

    /** The entries sorted in memory: each part sorted on its own, the write merges them. */
    private static void sortAndWrite(BulkIngest load, Table t, Index ix, List<IndexEntrySorter> parts)
            throws SQLException, IOException {
        for (IndexEntrySorter part : parts) {
            part.sort();
        }
        MergedEntries merged = new MergedEntries(parts);
        if (ix.unique() && merged.hasRepeatedNonNull()) {
            throw IndexBuild.duplicates(t, ix);
        }
        if (parts.size() == 1 || merged.runs() < 2) {
            write(merged, 0, merged.runs(), load::add, t, ix, parts);
        } else {
            // two writers (as two scanners): the upper half of the entries into files of their own
            int mid = merged.pieceStart(1, 2);
            BulkIngest.Part upperFiles = load.newPart();
            BuildThreads.inParallel(List.of(() -> {
                write(merged, 0, mid, load::add, t, ix, parts);
                return Boolean.TRUE;
            }, () -> {
                write(merged, mid, merged.runs(), upperFiles::add, t, ix, parts);
                return Boolean.TRUE;
            }));
        }
    }

    /** The entries that outgrew memory: the scanners' last entries become runs too, and all runs are merged. */
    private static void mergeAndWrite(BulkIngest load, Table t, Index ix, List<IndexEntrySorter> parts,
                                      SpilledRuns spilled) throws IOException, SQLException {
        for (IndexEntrySorter part : parts) {
            spill(part, t, ix, spilled);
        }
        if (!spilled.mergeInto(load::add)) {
            throw IndexBuild.duplicates(t, ix);
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
            throw IndexBuild.duplicates(t, ix);
        }
        try (SpilledRuns.Writer run = spilled.newRun()) {
            write(merged, 0, merged.runs(), run::add, t, ix, List.of(part));
        }
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
            if (!unique || part.hasNull(e)) { // the key ends in the row key: no value
                sink.add(key, part.copySuffix(e, key, at), IndexKeys.NO_VALUE, 0, 0);
            } else {
                sink.add(key, at, rowKey, 0, part.copySuffix(e, rowKey, tablePrefix.length));
            }
        });
    }
}
