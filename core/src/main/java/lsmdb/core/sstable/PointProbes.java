package lsmdb.core.sstable;

import java.io.IOException;
import java.util.Arrays;
import lsmdb.core.format.InternalKey;

/**
 * Point gets of several keys in pinned tables, searched stage by stage across all keys instead of key after key:
 * first each key's data block is found through the table's fence, then each block object is read, then each block's
 * buffer (checked to be the block), then its middle restart word, then the entries its restart search compares
 * first, then each key's restart run is found and its lines read, and only then is each key searched. A get is a chain
 * of dependent cache misses (block object, buffer, restart array, keys); the keys' chains are independent, so reading
 * one stage for every key before the next stage lets the processor wait for the misses of different keys at once
 * instead of one after another. The stages only read: each key is then searched as a single get would search it,
 * except that the walk starts at the restart run the stages found (the run a get's binary search picks) instead of
 * searching for it again.
 *
 * <p>One per thread, reused; {@link #clear()} drops every reference it holds.
 */
public final class PointProbes {

    private Table[] tables;
    private byte[][] keys;
    private Block[] blocks;
    /** Per probe, the restart run its search will walk (start << 32 | end), or -1. */
    private long[] runs;
    private int[] ordinals;
    private final PointHit scratch = new PointHit();
    private int size;
    /** Where the reads of the stages go: a store to a field, which the compiler keeps, so it keeps the reads. */
    private long sink;

    /** Probes for up to {@code capacity} gets before its arrays grow. */
    public PointProbes(int capacity) {
        int c = Math.max(1, capacity);
        tables = new Table[c];
        keys = new byte[c][];
        blocks = new Block[c];
        runs = new long[c];
        ordinals = new int[c];
    }

    /** Adds a get of {@code seekKey} in {@code table} (which the caller keeps pinned); returns its index. */
    public int add(Table table, byte[] seekKey) {
        if (size == tables.length) {
            tables = Arrays.copyOf(tables, size * 2);
            keys = Arrays.copyOf(keys, size * 2);
            blocks = Arrays.copyOf(blocks, size * 2);
            runs = Arrays.copyOf(runs, size * 2);
            ordinals = Arrays.copyOf(ordinals, size * 2);
        }
        tables[size] = table;
        keys[size] = seekKey;
        blocks[size] = null;
        runs[size] = -1;
        return size++;
    }

    public int size() {
        return size;
    }

    /**
     * Reads the first lines each probe's search will need, for all probes, stage by stage. Each stage is a method
     * with one loop, so none of them is compiled on stack: seven loops in one method made C2 compile it on stack
     * several times before compiling it once as a method.
     */
    public void prefetch() {
        findBlocks();
        long s = touchBlockObjects();
        dropUnmadeBlocks();
        s += touchRestartArrays();
        s += touchSearchEntries();
        findRuns();
        s += touchRuns();
        sink += s;
    }

    /** Each probe's block ordinal through its table's fence, and the block made for it before, if any. */
    private void findBlocks() {
        for (int i = 0; i < size; i++) {
            int o = tables[i].blockOrdinalFor(keys[i], scratch);
            ordinals[i] = o;
            blocks[i] = o < 0 ? null : tables[i].madeBlockUnchecked(o);
        }
    }

    private long touchBlockObjects() {
        long s = 0;
        for (int i = 0; i < size; i++) {
            Block b = blocks[i];
            if (b != null) {
                s += b.restartCount();
            }
        }
        return s;
    }

    /** Drops a block that is not the one its ordinal names (read racily, see {@link Table#madeBlockValid}). */
    private void dropUnmadeBlocks() {
        for (int i = 0; i < size; i++) {
            Block b = blocks[i];
            if (b != null && !tables[i].madeBlockValid(ordinals[i], b)) {
                blocks[i] = null;
            }
        }
    }

    private long touchRestartArrays() {
        long s = 0;
        for (int i = 0; i < size; i++) {
            Block b = blocks[i];
            if (b != null) {
                s += b.touchRestarts();
            }
        }
        return s;
    }

    private long touchSearchEntries() {
        long s = 0;
        for (int i = 0; i < size; i++) {
            Block b = blocks[i];
            if (b != null) {
                s += b.touchSearchEntries();
            }
        }
        return s;
    }

    /** Each probe's restart run: the one its search walks. */
    private void findRuns() {
        PointHit scratch = this.scratch;
        for (int i = 0; i < size; i++) {
            Block b = blocks[i];
            runs[i] = b == null ? -1 : b.restartRun(keys[i], scratch);
        }
    }

    private long touchRuns() {
        long s = 0;
        for (int i = 0; i < size; i++) {
            long run = runs[i];
            if (run >= 0) {
                s += blocks[i].touchLines((int) (run >>> 32), (int) run);
            }
        }
        return s;
    }

    /**
     * Probe {@code i}'s answer into {@code values[at]}, {@code lengths[at]} and {@code trailers[at]}: the entry's
     * value, in {@code values[at][0, lengths[at])}, and trailer (sequence and kind, as {@link InternalKey#trailer}
     * reads them), or null and {@link #ABSENT}: what {@link Table#getPastFilter(byte[])} finds, without the entry and
     * the copy of its key, of which a multi-get reads only the trailer. A value found in a block is copied into
     * {@code buffers[at]} when it has room, else into a new array of its length left there (so an empty slot always
     * gets one of its own: callers that keep the values pass empty slots, never null, so that this method has one
     * shape for both kinds of caller, not a branch one of them never takes); one read past the block (a table's
     * {@code getPastFilter}) hands out its own array.
     */
    public void answer(int i, byte[][] values, int[] lengths, long[] trailers, byte[][] buffers, int at)
            throws IOException {
        Block b = blocks[i];
        long run = runs[i];
        if (b != null && run >= 0) {
            int found = b.seekPointInRun(keys[i], (int) (run >>> 32), scratch);
            if (found >= 0) {
                int length = scratch.valueLength;
                byte[] into = buffers[at];
                if (into == null || into.length < length) {
                    into = new byte[length];
                    buffers[at] = into;
                }
                b.copyInto(scratch.valueOffset, length, into);
                values[at] = into;
                lengths[at] = length;
                trailers[at] = scratch.trailer;
                return;
            }
            if (found == Block.POINT_ABSENT) {
                values[at] = null;
                trailers[at] = ABSENT;
                return;
            }
        }
        put(tables[i].getPastFilter(keys[i], b), values, lengths, trailers, at);
    }

    /** What a multi-get's {@code trailers[at]} holds for a key no table holds: no trailer is negative. */
    public static final long ABSENT = -1;

    /** Entry {@code e} (null: absent) as {@link #answer} puts it. */
    public static void put(Table.Entry e, byte[][] values, int[] lengths, long[] trailers, int at) {
        if (e == null) {
            values[at] = null;
            trailers[at] = ABSENT;
            return;
        }
        byte[] v = e.value();
        values[at] = v;
        lengths[at] = v.length;
        trailers[at] = InternalKey.trailer(e.key(), 0, e.key().length);
    }

    public void clear() {
        // a loop of its own, not Arrays.fill: that method's one type profile, shared by every caller, met three array
        // classes here, and the compiled multi-get trapped on it (array_check) and was recompiled in the first
        // measured queries
        for (int i = 0; i < size; i++) {
            tables[i] = null;
            keys[i] = null;
            blocks[i] = null;
        }
        size = 0;
    }
}
