package lsmdb.sql.indexbuild;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import lsmdb.core.BulkIngest;
import lsmdb.sql.catalog.Index;
import lsmdb.sql.catalog.Table;
import lsmdb.sql.codec.IndexKeys;

/**
 * Writes the entries of a non-unique index over a column of few distinct values while its table is scanned, without
 * sorting them: rows arrive in primary-key order, so each distinct value's entries (its columns, then the primary
 * key) arrive in key order already, and each value gets a {@link BulkIngest.Part} of its own to append them to. The
 * parts join the tree in key order at the commit. A scan that meets more than {@link #MAX_STREAMS} values gives up
 * ({@link #add} returns false): many values would mean many small files, and the sorting build serves them.
 *
 * <p>Each value's row keys are held here, {@link #OPEN_AT} bytes at a time, and written to its part in one go
 * ({@link #drainInto}): a row costs the scanning thread one copy into a buffer, and the code that writes entries
 * into table files is one loop the JIT compiles once, not inlined again into the per-row path (on a build of half a
 * second the compiler's queue is the bottleneck). A value's part (and file) is opened only once its entries reach
 * {@link #OPEN_AT} bytes. What is still held when every scanner is done ({@link #finishAll}) goes to the value's
 * own part if it has one, else in as few shared parts as key order allows (one for a small table), so a small
 * table's index is not many tiny files.
 *
 * <p>The ranges one thread scans share its dictionary of values ({@link #nextRange}), and a range's streams start
 * with a slot for every value the thread has met: in a thread's later ranges no value is new, so code the JIT
 * compiled for known values does not hit an uncommon trap (and get thrown away) at the start of each range.
 *
 * <p>Not thread-safe: one per scanned range, the ranges of one thread one after another (its parts are its own);
 * {@link #finishAll} after all of them ended.
 */
final class ValueStreams {

    /** Distinct values one scanner may stream; past it the build sorts instead. */
    static final int MAX_STREAMS = 32;
    /** The bytes of row keys a value holds here before it gets a part of its own. */
    static final int OPEN_AT = 16 << 10;

    private final BulkIngest load;
    private final byte[] indexPrefix;
    private final int suffixFrom;
    /** The dictionary of distinct values (only its value ids are used, never its entries). */
    private final IndexEntrySorter values;
    private final RowValueIds ids;
    /** Per value id: the entry key being built (prefix and columns fixed, the primary key appended). */
    private byte[][] keys = new byte[8][];
    private int[] columnsEnd = new int[8];
    /** Per value id: its part once opened, else the row keys held (each after its length, one byte). */
    private BulkIngest.Part[] parts = new BulkIngest.Part[8];
    private byte[][] held = new byte[8][];
    private int[] heldLength = new int[8];
    private int distinct;

    /** Row keys carry the primary key after {@code t.prefix()}. */
    ValueStreams(BulkIngest load, Table t, Index ix) {
        this.load = load;
        this.indexPrefix = ix.prefix();
        this.suffixFrom = t.prefix().length;
        this.values = new IndexEntrySorter();
        this.ids = new RowValueIds(t, ix, values);
    }

    private ValueStreams(ValueStreams previous) {
        this.load = previous.load;
        this.indexPrefix = previous.indexPrefix;
        this.suffixFrom = previous.suffixFrom;
        this.values = previous.values;
        this.ids = previous.ids;
        for (int id = 0; id < values.distinctValues() && id < MAX_STREAMS; id++) {
            newValue(id);
        }
    }

    /** Streams for the next range the same thread scans, sharing this one's values (and value ids). */
    ValueStreams nextRange() {
        return new ValueStreams(this);
    }

    RowValueIds ids() {
        return ids;
    }

    /**
     * Adds the entry of row {@code rowKey[0, rowKeyLength)} (the caller may reuse the buffer) under value
     * {@code id}; false, adding nothing, once there are more values than {@link #MAX_STREAMS}.
     */
    boolean add(int id, byte[] rowKey, int rowKeyLength) throws IOException {
        if (id >= distinct) {
            if (id >= MAX_STREAMS) {
                return false;
            }
            newValue(id);
        }
        if (rowKeyLength > 255) { // held row keys carry a one-byte length: the held ones first, then this one
            BulkIngest.Part part = drainToOwnPart(id);
            append(part, id, rowKey, 0, rowKeyLength);
            return true;
        }
        byte[] h = held[id];
        int at = heldLength[id];
        if (at + 1 + rowKeyLength > h.length) { // the one rare branch here, taken from the first rows on
            h = makeRoom(id, rowKeyLength);
            at = heldLength[id];
        }
        h[at] = (byte) rowKeyLength;
        System.arraycopy(rowKey, 0, h, at + 1, rowKeyLength);
        heldLength[id] = at + 1 + rowKeyLength;
        return true;
    }

    /**
     * Room for a row key of {@code rowKeyLength} bytes in value {@code id}'s held buffer: a larger buffer while it
     * is under {@link #OPEN_AT} bytes and the value has no part, else the held entries written to its own part.
     */
    private byte[] makeRoom(int id, int rowKeyLength) throws IOException {
        byte[] h = held[id];
        if (parts[id] == null && h.length < OPEN_AT) {
            return held[id] = Arrays.copyOf(h, Math.max(heldLength[id] + 1 + rowKeyLength, h.length * 2));
        }
        drainToOwnPart(id);
        return h;
    }

    /** Writes value {@code id}'s held entries to its own part, opened first if need be; the part. */
    private BulkIngest.Part drainToOwnPart(int id) throws IOException {
        BulkIngest.Part part = parts[id];
        if (part == null) {
            part = parts[id] = load.newPart();
        }
        drainInto(part, id);
        return part;
    }

    private void append(BulkIngest.Part part, int id, byte[] rowKey, int from, int length) throws IOException {
        byte[] key = keys[id];
        int at = columnsEnd[id];
        int n = length - suffixFrom;
        if (at + n > key.length) {
            key = keys[id] = Arrays.copyOf(key, Math.max(at + n, key.length * 2));
        }
        System.arraycopy(rowKey, from + suffixFrom, key, at, n);
        part.add(key, at + n, IndexKeys.NO_VALUE, 0, 0); // the key ends in the row key
    }

    private void drainInto(BulkIngest.Part part, int id) throws IOException {
        byte[] h = held[id];
        for (int at = 0; at < heldLength[id]; ) {
            int n = h[at] & 0xff;
            append(part, id, h, at + 1, n);
            at += 1 + n;
        }
        heldLength[id] = 0; // the buffer is kept for the value's next entries
    }

    private void newValue(int id) {
        if (id >= parts.length) {
            int cap = Math.max(id + 1, parts.length * 2);
            keys = Arrays.copyOf(keys, cap);
            columnsEnd = Arrays.copyOf(columnsEnd, cap);
            parts = Arrays.copyOf(parts, cap);
            held = Arrays.copyOf(held, cap);
            heldLength = Arrays.copyOf(heldLength, cap);
        }
        byte[] column = values.value(id);
        byte[] key = Arrays.copyOf(indexPrefix, indexPrefix.length + column.length + 32);
        System.arraycopy(column, 0, key, indexPrefix.length, column.length);
        keys[id] = key;
        columnsEnd[id] = indexPrefix.length + column.length;
        held[id] = new byte[256];
        distinct = id + 1;
    }

    /**
     * Writes the entries the scanners still hold, {@code scanners} in the order of their key ranges: every
     * (value, scanner) pair in key order — by value, then by scanner — and each run of pairs between two that have
     * parts of their own goes into one new part.
     */
    static void finishAll(List<ValueStreams> scanners) throws IOException {
        List<int[]> pairs = new ArrayList<>(); // {scanner, value id}
        for (int s = 0; s < scanners.size(); s++) {
            for (int v = 0; v < scanners.get(s).distinct; v++) {
                pairs.add(new int[] {s, v});
            }
        }
        pairs.sort((a, b) -> {
            ValueStreams x = scanners.get(a[0]);
            ValueStreams y = scanners.get(b[0]);
            int c = x.values.compareValues(a[1], y.values, b[1]);
            return c != 0 ? c : Integer.compare(a[0], b[0]);
        });
        BulkIngest.Part shared = null;
        for (int[] p : pairs) {
            ValueStreams owner = scanners.get(p[0]);
            if (owner.parts[p[1]] != null) {
                owner.drainInto(owner.parts[p[1]], p[1]); // the rest of its entries, after those it holds there
                shared = null; // a part of its own in between: the held pairs after it need a new part
                continue;
            }
            if (owner.heldLength[p[1]] == 0) {
                continue;
            }
            if (shared == null) {
                shared = owner.load.newPart();
            }
            owner.drainInto(shared, p[1]);
        }
    }
}
