package lsmdb.sql.indexbuild;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import lsmdb.core.LsmIterator;
import lsmdb.sql.catalog.Index;
import lsmdb.sql.catalog.Table;
import lsmdb.sql.codec.IndexKeys;
import lsmdb.sql.codec.RowCodec;
import lsmdb.sql.codec.RowSpans;
import lsmdb.sql.codec.StoredSpan;

/**
 * The distinct index value ({@link IndexEntrySorter#valueId}) of each row an index build scans: the row's stored
 * value is copied into one reused buffer, and a value met before is recognised by the stored bytes of its columns
 * ({@link StoredValueIds}); only a new one is decoded and encoded as index columns.
 *
 * <p>Not thread-safe: one per scanning thread.
 */
final class RowValueIds {

    private final Table table;
    private final IndexKeys keys;
    private final IndexEntrySorter values;
    private final boolean[] wanted;
    private final int[] stored;
    private final StoredValueIds seen;
    private final int[] starts;
    private final int[] ends;
    /** The row's stored value, copied from the cursor (no array per row). */
    private byte[] row = new byte[256];
    /** The indexed columns' stored bytes, each after a NULL/present byte. */
    private byte[] raw = new byte[64];
    private final Scratch col = new Scratch();
    /** Where the one stored indexed column lies, when the index has one ({@link StoredValueIds#getShort}). */
    private final StoredSpan span;

    /** Ids are {@code values}' ({@link IndexEntrySorter#valueId}), which enters the new ones. */
    RowValueIds(Table t, Index ix, IndexEntrySorter values) {
        this.table = t;
        this.keys = new IndexKeys(ix, t);
        this.values = values;
        this.wanted = new boolean[t.width()];
        for (int slot : ix.slots()) {
            wanted[slot] = true;
        }
        this.stored = storedColumns(t, ix);
        this.seen = stored == null ? null : new StoredValueIds();
        this.starts = stored == null ? null : new int[stored.length];
        this.ends = stored == null ? null : new int[stored.length];
        this.span = stored == null || stored.length != 1 ? null : new StoredSpan(t.columns(), t.inKey(), stored[0]);
    }

    /** The value id of the row {@code it} is at, whose key is {@code rowKey}. */
    int id(LsmIterator it, byte[] rowKey) {
        return id(it, rowKey, rowKey.length);
    }

    /** The value id of the row {@code it} is at, whose key is {@code rowKey[0, rowKeyLength)}. */
    int id(LsmIterator it, byte[] rowKey, int rowKeyLength) {
        int length = it.valueLength();
        if (row.length < length + StoredValueIds.SHORT) { // slack: getShort reads whole words
            row = new byte[Math.max(length + StoredValueIds.SHORT, row.length * 2)];
        }
        it.copyValue(row, 0);
        int rawLength = 0;
        boolean remember = seen != null && !seen.full();
        if (remember && span != null) {
            boolean present = span.find(row, length);
            int from = present ? span.start() : 0;
            int to = present ? span.end() : 0;
            if (to - from <= StoredValueIds.SHORT) {
                int id = seen.getShort(row, from, to, present);
                if (id < 0) {
                    id = decodeNew(rowKey, rowKeyLength, length);
                    seen.putShort(id);
                }
                return id;
            }
        }
        if (remember) {
            RowSpans.spans(row, length, table.columns(), table.inKey(), stored, starts, ends);
            for (int i = 0; i < stored.length; i++) {
                int n = starts[i] < 0 ? 0 : ends[i] - starts[i];
                if (rawLength + n + 1 > raw.length) {
                    raw = Arrays.copyOf(raw, 2 * (rawLength + n + 1));
                }
                raw[rawLength++] = (byte) (starts[i] < 0 ? 0 : 1); // NULL apart from every stored value
                System.arraycopy(row, Math.max(starts[i], 0), raw, rawLength, n);
                rawLength += n;
            }
            int id = seen.get(raw, rawLength);
            if (id >= 0) {
                return id;
            }
        }
        int id = decodeNew(rowKey, rowKeyLength, length);
        if (remember) {
            seen.put(raw, rawLength, id);
        }
        return id;
    }

    /** Decodes the indexed columns of the row in {@code row[0, length)}: the id of their value. */
    private int decodeNew(byte[] rowKey, int rowKeyLength, int length) {
        byte[] key = rowKeyLength == rowKey.length ? rowKey : Arrays.copyOf(rowKey, rowKeyLength);
        Object[] decoded = RowCodec.decodeRow(table, key, Arrays.copyOf(row, length), wanted);
        col.reset();
        boolean anyNull = keys.writeColumns(decoded, col);
        return values.valueId(col.buffer(), col.size(), anyNull);
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
