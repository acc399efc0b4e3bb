package lsmdb.sql.exec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.List;
import lsmdb.core.sstable.RangeGather;
import lsmdb.sql.Errors;

/**
 * The rows of an {@link IndexScan} over its spans: each span's index entries gathered at once when the span is short
 * (else scanned), their rows read in batches of one multi-get each, the batch growing from
 * {@link IndexScan#FIRST_BATCH} to {@link IndexScan#MAX_BATCH}. With {@code output} (own slots) its rows are those
 * slots only, all in one array when {@code reuseOutput}; with {@code probeKey}, none unless that key has a row (read
 * with the first batch).
 */
final class IndexCursor implements Cursor {
    private final IndexScan source;
    private final TableScan table;
    private final boolean indexOnly;
    private final ExecContext ctx;
    private final List<KeyAccess.Span> spans;
    private final int[] output;
    /** The key whose row must exist for this cursor to have rows, until the first batch has read it. */
    private byte[] mustExist;
    private int next;
    private ReadView.Scan scan;
    /** The current span's entries when it was short enough to gather (then {@link #scan} is null). */
    private RangeGather gathered;
    /** The position past the current gathered entry. */
    private int gatheredAt;
    /** The current batch's row keys and rows: the thread's, taken at the first fill, given back on close. */
    private RowBatch rows;
    private int have;
    private int at;
    private int batch = IndexScan.FIRST_BATCH;
    /** The row each output row is copied from, reused ({@code output} set and rows fetched only). */
    private final Object[] own;
    /** The one output row every row is copied into ({@code reuseOutput}), else null: a new one per row. */
    private final Object[] out;

    IndexCursor(IndexScan source, ExecContext ctx, List<KeyAccess.Span> spans, int[] output, boolean reuseOutput,
                byte[] probeKey) {
        this.source = source;
        this.table = source.table();
        this.indexOnly = source.indexOnly();
        this.ctx = ctx;
        this.spans = spans;
        this.output = output;
        this.mustExist = probeKey;
        this.own = output == null || indexOnly ? null : new Object[table.table().width()];
        this.out = reuseOutput ? new Object[output.length] : null;
    }

    @Override
    public Object[] next() throws SQLException {
        try {
            if (indexOnly) {
                return !nextEntry() ? null : output == null ? source.fromEntry(entryKey(), entryRowKey())
                        : IndexScan.project(source.ownFromEntry(entryKey(), entryRowKey()), output, out);
            }
            if (at == have && !fill()) {
                return null;
            }
            byte[][] rowKeys = rows.rowKeys;
            byte[][] values = rows.values;
            byte[] rowKey = rowKeys[at];
            byte[] value = values[at];
            int length = rows.lengths[at];
            rowKeys[at] = null;
            values[at++] = null;
            return own == null ? source.row(rowKey, value, length)
                    : IndexScan.project(table.decodeOwnInto(rowKey, source.existing(value), length, own), output, out);
        } catch (IOException e) {
            throw Errors.io(e);
        } catch (UncheckedIOException e) {
            throw Errors.io(e);
        }
    }

    /** Moves to the next index entry in the spans; false after the last. */
    private boolean nextEntry() throws SQLException, IOException {
        for (;;) {
            if (gathered != null) {
                if (gatheredAt < gathered.visible()) {
                    gatheredAt++;
                    ctx.tick();
                    return true;
                }
                ReadView.release(gathered);
                gathered = null;
            }
            if (scan != null) {
                if (scan.next()) {
                    ctx.tick();
                    return true;
                }
                scan.close();
                scan = null;
            }
            if (next >= spans.size()) {
                return false;
            }
            KeyAccess.Span s = spans.get(next++);
            open(s);
        }
    }

    /** Reads a short span at once ({@link ReadView#gather}), else opens a scan over it. */
    private void open(KeyAccess.Span s) throws IOException {
        RangeGather g = ReadView.takeGather();
        if (ctx.view().gather(s.from(), s.to(), g)) {
            gathered = g;
            gatheredAt = 0;
        } else {
            ReadView.release(g);
            scan = ctx.view().scan(s.from(), s.to(), false);
        }
    }

    /** The current entry's key (the index key). */
    private byte[] entryKey() {
        return gathered != null ? gathered.userKey(gatheredAt - 1) : scan.key();
    }

    /** The current entry's row key. */
    private byte[] entryRowKey() {
        return gathered != null ? source.gatheredRowKey(gathered, gatheredAt - 1) : source.scanRowKey(scan);
    }

    /** Reads the next batch of entries and their rows; false when no entry is left. */
    private boolean fill() throws SQLException, IOException {
        if (rows == null) {
            rows = RowBatch.take(batch);
        } else {
            rows.ensure(batch);
        }
        byte[][] rowKeys = rows.rowKeys;
        have = 0;
        at = 0;
        while (have < batch && nextEntry()) {
            if (gathered != null) { // copied into the batch's own key arrays, not into new ones
                rows.addGatheredRowKey(have++, gathered, gatheredAt - 1, source.keys());
            } else {
                rows.addRowKey(have++, source.scanRowKey(scan)); // have < batch: the slots never grow here
            }
        }
        if (have == 0) {
            return false;
        }
        if (mustExist != null) {
            return fillConfirming();
        }
        ctx.view().getAll(rowKeys, have, rows.values, rows.lengths, rows.buffers);
        if (have == batch) { // grown only when full: a short range's last, empty fill reuses the arrays
            batch = Math.min(batch * 2, IndexScan.MAX_BATCH);
        }
        return true;
    }

    /**
     * The rest of the first {@link #fill} when {@link #mustExist} is set: that key read in one multi-get with
     * the batch's rows (in the slot past them); if it has no row, the cursor ends without any.
     */
    private boolean fillConfirming() throws IOException {
        rows.addRowKey(have, mustExist); // grows the slots when full, keeping the row keys
        byte[][] rowKeys = rows.rowKeys;
        mustExist = null;
        ctx.view().getAll(rowKeys, have + 1, rows.values, rows.lengths, rows.buffers);
        boolean exists = rows.values[have] != null;
        rowKeys[have] = null;
        rows.values[have] = null;
        if (!exists) {
            close();
            next = spans.size();
            have = 0;
            return false;
        }
        if (have == batch) {
            batch = Math.min(batch * 2, IndexScan.MAX_BATCH);
        }
        return true;
    }

    @Override
    public void close() {
        if (scan != null) {
            scan.close();
            scan = null;
        }
        if (gathered != null) {
            ReadView.release(gathered);
            gathered = null;
        }
        if (rows != null) {
            RowBatch.release(rows);
            rows = null;
        }
    }
}
