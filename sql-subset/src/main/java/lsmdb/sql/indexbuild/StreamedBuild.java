package lsmdb.sql.indexbuild;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import lsmdb.core.BulkIngest;
import lsmdb.core.LsmDb;
import lsmdb.core.LsmIterator;
import lsmdb.core.Snapshot;
import lsmdb.sql.Errors;
import lsmdb.sql.catalog.Index;
import lsmdb.sql.catalog.Table;

/**
 * A non-unique index over a column of few distinct values, written while its table is scanned: rows come in
 * primary-key order, so each value's entries do too, and each value's entries go into files of their own
 * ({@link ValueStreams}), without filter blocks (such entries are only ever sought). A scanner streams its rows a few
 * hundred at a time ({@link RangeStreamer}), so the per-row loop is compiled once; the scanners rebalance their ranges
 * as they go ({@link ScanRanges}).
 */
final class StreamedBuild {

    /**
     * Rows a scanner scans of a range before it hands half of the rest to a scanner that ran out ({@link ScanRanges});
     * the system property lets tests split small tables.
     */
    private static final int SPLIT_AFTER_ROWS = 1 << 16;
    static final String SPLIT_AFTER_ROWS_PROPERTY = "lsmdb.indexBuild.splitAfterRows";

    private StreamedBuild() {
    }

    /**
     * Writes and commits the entries, one scanner per range of {@code halves}; true when committed, false (nothing
     * written) when a scanner met too many distinct values, null if the engine cannot ingest.
     */
    static Boolean run(LsmDb engine, Table t, Index ix, Snapshot snap, TableHalves halves) throws SQLException {
        BulkIngest load = IndexBuild.ingest(engine, ix);
        if (load == null) {
            return null;
        }
        byte[][] bounds = halves.bounds();
        byte[] lastKey = halves.lastKey();
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
            for (List<Scanned> own : BuildThreads.inParallel(scans)) {
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
}
