package lsmdb.sql.exec;

import lsmdb.core.sstable.RangeGather;
import lsmdb.core.util.ScratchPool;
import lsmdb.sql.codec.IndexKeys;

/**
 * The arrays an index scan reads a batch of rows into: the row keys its entries name, then the rows' stored values.
 * One free batch per thread, so a point query through an index (a new cursor each execution) allocates none.
 */
final class RowBatch {

    byte[][] rowKeys;
    /** The rows' stored values: row i's in {@code values[i][0, lengths[i])} (see {@link ReadView#getAll}). */
    byte[][] values;
    int[] lengths;
    /**
     * The batch's own arrays the multi-get copies values read from tables into, kept from batch to batch and from
     * scan to scan (only the batch holds them): a batch of rows read from tables then allocates no value array.
     */
    byte[][] buffers;
    /**
     * The batch's own arrays for row keys copied out of a gathered index range ({@link #addGatheredRowKey}), kept
     * as {@link #buffers} are: row keys of one length fill them again without a new array.
     */
    byte[][] keyBuffers;
    /**
     * The slots below this may hold something: every row key is put through {@link #addRowKey} or {@link
     * #addGatheredRowKey}, and a multi-get fills only the slots of its keys. {@link #release} clears these alone, not
     * all {@link #FIRST_SLOTS} of a point query's batch that read ten.
     */
    private int touched;

    /** How many slots, from the first, may hold something ({@link #release} clears these). */
    int touched() {
        return touched;
    }

    private RowBatch(int slots) {
        rowKeys = new byte[slots][];
        values = new byte[slots][];
        lengths = new int[slots];
        buffers = new byte[slots][];
        keyBuffers = new byte[slots][];
    }

    /**
     * The slots a pooled batch starts with: an index cursor's largest batch, so its batches never grow one. A
     * thread's batch would grow once in its life (its first range past the first batch), too rarely for the JIT's
     * profile to see: the compiled query path then left that branch out, and every new thread's first long range
     * trapped and recompiled it (seen at the start of each new phase's threads).
     */
    static final int FIRST_SLOTS = IndexScan.MAX_BATCH;

    /** Free batches, one per thread (by id); not a ThreadLocal, for the reason {@link ScratchPool} gives. */
    private static final ScratchPool<RowBatch> FREE = new ScratchPool<>(() -> new RowBatch(FIRST_SLOTS));

    /** A batch of at least {@code slots} slots, all null: the thread's free one if it has one. */
    static RowBatch take(int slots) {
        RowBatch b = FREE.take();
        b.ensure(slots);
        return b;
    }

    /** Makes room for {@code slots}; only while the slots hold nothing (between batches). */
    void ensure(int slots) {
        if (rowKeys.length < slots) {
            rowKeys = new byte[slots][];
            values = new byte[slots][];
            lengths = new int[slots];
            buffers = java.util.Arrays.copyOf(buffers, slots);
            keyBuffers = java.util.Arrays.copyOf(keyBuffers, slots);
        }
    }

    /**
     * Puts {@code rowKey} at slot {@code n} of {@link #rowKeys}, doubling both arrays (keeping the row keys) when
     * full; only while {@link #values} holds nothing.
     */
    void addRowKey(int n, byte[] rowKey) {
        if (n == rowKeys.length) {
            rowKeys = java.util.Arrays.copyOf(rowKeys, n * 2);
            values = new byte[n * 2][];
            lengths = new int[n * 2];
            buffers = java.util.Arrays.copyOf(buffers, n * 2);
            keyBuffers = java.util.Arrays.copyOf(keyBuffers, n * 2);
        }
        rowKeys[n] = rowKey;
        if (n >= touched) {
            touched = n + 1;
        }
    }

    /**
     * Puts the row key of visible index entry {@code e} of {@code g} at slot {@code n}, in the slot's key buffer if it
     * fits: the entry's value, or (an empty value) the row key {@code keys} reads from the entry key in place.
     */
    void addGatheredRowKey(int n, RangeGather g, int e, IndexKeys keys) {
        if (n == rowKeys.length) {
            addRowKey(n, null); // grows the slots
        }
        byte[] k = g.valueLength(e) != 0 ? g.valueInto(e, keyBuffers[n])
                : keys.rowKeyInto(g.keyArena(), g.keyOffset(e), g.userKeyLength(e), keyBuffers[n]);
        keyBuffers[n] = k;
        rowKeys[n] = k;
        if (n >= touched) {
            touched = n + 1;
        }
    }

    /** The most slots a batch kept for the thread's next scan has: a lookup of a long range grows one further. */
    static final int KEPT_SLOTS = 256;
    /** The largest value or key buffer a kept batch holds on to: a lookup over large values does not pin them. */
    static final int KEPT_BUFFER_BYTES = 4096;

    /**
     * Gives {@code b} back for the thread's next scan; the caller no longer reads it. Drops what it holds but its
     * own {@link #buffers} and {@link #keyBuffers} up to {@link #KEPT_BUFFER_BYTES} each; a batch
     * grown past {@link #KEPT_SLOTS} is dropped whole, so a thread does not hold the arrays of its longest lookup.
     * Only the {@link #touched} slots are cleared: the others hold nothing the last one did not check.
     */
    static void release(RowBatch b) {
        if (b.rowKeys.length > KEPT_SLOTS) {
            return;
        }
        byte[][] k = b.rowKeys;
        byte[][] v = b.values;
        byte[][] vb = b.buffers;
        byte[][] kb = b.keyBuffers;
        for (int i = 0, n = b.touched; i < n; i++) {
            k[i] = null;
            v[i] = null;
            if (vb[i] != null && vb[i].length > KEPT_BUFFER_BYTES) {
                vb[i] = null;
            }
            if (kb[i] != null && kb[i].length > KEPT_BUFFER_BYTES) {
                kb[i] = null;
            }
        }
        b.touched = 0;
        FREE.give(b);
    }
}
