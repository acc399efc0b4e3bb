package lsmdb.sql.session;

import java.io.IOException;
import java.util.Arrays;
import lsmdb.core.BulkIngest;

/**
 * Writes the entries of a non-unique index over a column of few distinct values while its table is scanned, without
 * holding or sorting them: rows arrive in primary-key order, so each distinct value's entries (its columns, then the
 * primary key) arrive in key order already, and each value gets a {@link BulkIngest.Part} of its own to append them
 * to. The parts join the tree in key order at the commit. A scan that meets more than {@link #MAX_STREAMS} values
 * gives up ({@link #add} returns false): many values would mean many small files, and the sorting build serves them.
 *
 * <p>Not thread-safe: one per scanning thread (its parts are its own).
 */
final class ValueStreams {

    /** Distinct values one scanner may stream; past it the build sorts instead. */
    static final int MAX_STREAMS = 32;

    private final BulkIngest load;
    private final byte[] indexPrefix;
    /** The dictionary of distinct values (only its value ids are used, never its entries). */
    private final IndexEntrySorter values = new IndexEntrySorter();
    private final RowValueIds ids;
    /** Per value id: the entry key being built (prefix and columns fixed, the primary key appended) and its part. */
    private byte[][] keys = new byte[8][];
    private int[] columnsEnd = new int[8];
    private BulkIngest.Part[] parts = new BulkIngest.Part[8];

    ValueStreams(BulkIngest load, lsmdb.sql.catalog.Table t, lsmdb.sql.catalog.Index ix) {
        this.load = load;
        this.indexPrefix = ix.prefix();
        this.ids = new RowValueIds(t, ix, values);
    }

    RowValueIds ids() {
        return ids;
    }

    /**
     * Appends the entry of row {@code rowKey} (primary key after {@code suffixFrom}) under value {@code id}; false,
     * writing nothing, once there are more values than {@link #MAX_STREAMS}.
     */
    boolean add(int id, byte[] rowKey, int suffixFrom) throws IOException {
        if (id >= parts.length || parts[id] == null) {
            if (id >= MAX_STREAMS) {
                return false;
            }
            open(id);
        }
        byte[] key = keys[id];
        int at = columnsEnd[id];
        int n = rowKey.length - suffixFrom;
        if (at + n > key.length) {
            key = keys[id] = Arrays.copyOf(key, Math.max(at + n, key.length * 2));
        }
        System.arraycopy(rowKey, suffixFrom, key, at, n);
        parts[id].add(key, at + n, rowKey, 0, rowKey.length);
        return true;
    }

    private void open(int id) {
        if (id >= parts.length) {
            int cap = Math.max(id + 1, parts.length * 2);
            keys = Arrays.copyOf(keys, cap);
            columnsEnd = Arrays.copyOf(columnsEnd, cap);
            parts = Arrays.copyOf(parts, cap);
        }
        byte[] column = values.value(id);
        byte[] key = Arrays.copyOf(indexPrefix, indexPrefix.length + column.length + 32);
        System.arraycopy(column, 0, key, indexPrefix.length, column.length);
        keys[id] = key;
        columnsEnd[id] = indexPrefix.length + column.length;
        parts[id] = load.newPart();
    }
}
