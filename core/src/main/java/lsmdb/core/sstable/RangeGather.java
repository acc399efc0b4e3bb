package lsmdb.core.sstable;

import java.util.Arrays;
import lsmdb.core.format.InternalKey;

/**
 * The entries of a short key range gathered from every source (memtables, tables) into flat arrays, then sorted and
 * resolved to what a cursor over the range would show: a read of a few entries with no merging iterator, no table
 * iterators and no heap to build. Internal keys are copied into one arena, so an entry costs no key object.
 *
 * <p>Holds at most {@link #limit} entries; {@link #add} refuses more, and the reader then takes the iterator route.
 * Reused for several ranges; {@link #clear()} drops every value it holds.
 */
public final class RangeGather {

    private byte[] arena = new byte[512];
    private int arenaUsed;
    private int[] keyOffsets = new int[16];
    private int[] keyLengths = new int[16];
    /** Per entry, its value when the source handed out an array of its own; else null, the value in the arena. */
    private byte[][] values = new byte[16][];
    /** The values copied out of table blocks, one after another (see {@link #addCopyingValue}). */
    private byte[] valueArena = new byte[256];
    private int valueArenaUsed;
    private int[] valueOffsets = new int[16];
    private int[] valueLengths = new int[16];
    private int[] order = new int[16];
    private int size;
    private int limit;
    /** After {@link #resolve}: the visible entries, as positions in the gathered ones, in key order. */
    private int visible;
    /** The last {@link #seekKey}, reused while the ranges' lower bounds keep one length (an index's usually do). */
    private byte[] seekKey;

    /** Empties the gather for a new range of at most {@code limit} entries in all. */
    public void reset(int limit) {
        clear();
        this.limit = limit;
    }

    /**
     * {@code from} as the key that seeks a range's first entry ({@link InternalKey#forSeek} at
     * {@link InternalKey#MAX_SEQUENCE}), in an array of the gather's: the same one again while {@code from}'s length
     * stays the same, so a range read allocates no key. Valid until the next call.
     */
    public byte[] seekKey(byte[] from) {
        seekKey = InternalKey.forSeekInto(from, InternalKey.MAX_SEQUENCE, seekKey);
        return seekKey;
    }

    /** Adds an entry: internal key {@code key[0, keyLength)} (copied) and its value; false when over the limit. */
    public boolean add(byte[] key, int keyLength, byte[] value) {
        if (!addKey(key, keyLength)) {
            return false;
        }
        values[size++] = value;
        return true;
    }

    /**
     * Adds an entry: internal key {@code key[0, keyLength)} and the value {@code block} is on, both copied into the
     * gather's arenas (no array per entry); false when over the limit.
     */
    boolean addCopyingValue(byte[] key, int keyLength, BlockIterator block) {
        if (!addKey(key, keyLength)) {
            return false;
        }
        int length = block.valueLength();
        if (valueArenaUsed + length > valueArena.length) {
            valueArena = Arrays.copyOf(valueArena, Math.max(valueArena.length * 2, valueArenaUsed + length));
        }
        block.copyValue(valueArena, valueArenaUsed);
        values[size] = null;
        valueOffsets[size] = valueArenaUsed;
        valueLengths[size] = length;
        valueArenaUsed += length;
        size++;
        return true;
    }

    /** Copies the key of entry {@link #size} in (not yet counted); false when over the limit. */
    private boolean addKey(byte[] key, int keyLength) {
        if (size == limit) {
            return false;
        }
        if (size == keyOffsets.length) {
            int n = size * 2;
            keyOffsets = Arrays.copyOf(keyOffsets, n);
            keyLengths = Arrays.copyOf(keyLengths, n);
            values = Arrays.copyOf(values, n);
            valueOffsets = Arrays.copyOf(valueOffsets, n);
            valueLengths = Arrays.copyOf(valueLengths, n);
            order = Arrays.copyOf(order, n);
        }
        if (arenaUsed + keyLength > arena.length) {
            arena = Arrays.copyOf(arena, Math.max(arena.length * 2, arenaUsed + keyLength));
        }
        System.arraycopy(key, 0, arena, arenaUsed, keyLength);
        keyOffsets[size] = arenaUsed;
        keyLengths[size] = keyLength;
        arenaUsed += keyLength;
        return true;
    }

    /** The entries gathered so far. */
    public int gathered() {
        return size;
    }

    /**
     * Sorts the entries into internal-key order and keeps, per user key, its newest entry at or below
     * {@code readSequence} when it is a value the {@code hidden} test does not hide (a range tombstone): what a
     * cursor over the range at that sequence shows. Older versions, deletions and newer entries are dropped.
     */
    public void resolve(long readSequence, Hidden hidden) {
        int n = size;
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        // insertion sort: a few entries, each source's already in order
        for (int i = 1; i < n; i++) {
            int e = order[i];
            if (compare(order[i - 1], e) > 0) {
                insertBefore(i, e);
            }
        }
        int out = 0;
        int decided = -1; // the entry whose user key was last decided
        for (int i = 0; i < n; i++) {
            int e = order[i];
            if (decided >= 0 && sameUserKey(decided, e)) {
                continue;
            }
            long trailer = InternalKey.trailer(arena, keyOffsets[e], keyLengths[e]);
            long seq = trailer >>> 8;
            if (seq > readSequence) {
                continue; // newer than the read: an older version of the key may be visible
            }
            decided = e;
            if ((byte) trailer == InternalKey.KIND_PUT && !hidden.hides(this, e, seq)) {
                order[out++] = e;
            }
        }
        visible = out;
    }

    /**
     * Moves {@code e}, now at {@code order[i]} and smaller than {@code order[i - 1]}, down to its place among the
     * sorted {@code order[0, i)}. The front is tested first, so the walk down needs no bound test: a bounded walk that
     * reached the front only in the measured queries made C2 drop its compiled caller (loop_limit_check) and compile
     * it again.
     */
    private void insertBefore(int i, int e) {
        int j;
        if (compare(order[0], e) > 0) {
            j = 0;
        } else {
            j = i - 1; // order[j] > e, order[0] <= e: the walk stops above the front
            while (compare(order[j - 1], e) > 0) {
                j--;
            }
        }
        System.arraycopy(order, j, order, j + 1, i - j);
        order[j] = e;
    }

    /** Whether a range tombstone hides a gathered entry. */
    public interface Hidden {
        boolean hides(RangeGather gather, int entry, long sequence);
    }

    /** The number of visible entries after {@link #resolve}. */
    public int visible() {
        return visible;
    }

    /** Visible entry {@code i}'s user key, a new array. */
    public byte[] userKey(int i) {
        return entryUserKey(order[i]);
    }

    /** Gathered entry {@code e}'s user key, a new array. */
    public byte[] entryUserKey(int e) {
        int off = keyOffsets[e];
        return Arrays.copyOfRange(arena, off, off + keyLengths[e] - InternalKey.TRAILER_SIZE);
    }

    /** Visible entry {@code i}'s value: the array its source handed out, or a copy out of the arena. */
    public byte[] value(int i) {
        int e = order[i];
        byte[] v = values[e];
        if (v != null) {
            return v;
        }
        int off = valueOffsets[e];
        return Arrays.copyOfRange(valueArena, off, off + valueLengths[e]);
    }

    /** Visible entry {@code i}'s value length. */
    public int valueLength(int i) {
        int e = order[i];
        byte[] v = values[e];
        return v != null ? v.length : valueLengths[e];
    }

    /**
     * The array holding the entries' keys, each at {@link #keyOffset} for {@link #userKeyLength} bytes: for reading a
     * key in place, until the gather is added to or cleared.
     */
    public byte[] keyArena() {
        return arena;
    }

    /** Where visible entry {@code i}'s key starts in {@link #keyArena}. */
    public int keyOffset(int i) {
        return keyOffsets[order[i]];
    }

    /** The length of visible entry {@code i}'s user key. */
    public int userKeyLength(int i) {
        return keyLengths[order[i]] - InternalKey.TRAILER_SIZE;
    }

    /**
     * Visible entry {@code i}'s value copied into {@code reuse} when it has exactly the value's length, else into a
     * new array: always an array the caller owns (a source's own array is copied too), so it may pass it back as
     * {@code reuse} later. Keys of one table are usually of one length, so a reader's arrays are reused.
     */
    public byte[] valueInto(int i, byte[] reuse) {
        int e = order[i];
        byte[] v = values[e];
        byte[] from = v != null ? v : valueArena;
        int off = v != null ? 0 : valueOffsets[e];
        int length = v != null ? v.length : valueLengths[e];
        byte[] out = reuse != null && reuse.length == length ? reuse : new byte[length];
        System.arraycopy(from, off, out, 0, length);
        return out;
    }

    private int compare(int a, int b) {
        return InternalKey.compare(arena, keyOffsets[a], keyLengths[a], arena, keyOffsets[b], keyLengths[b]);
    }

    private boolean sameUserKey(int a, int b) {
        int ao = keyOffsets[a];
        int bo = keyOffsets[b];
        return Arrays.equals(arena, ao, ao + keyLengths[a] - InternalKey.TRAILER_SIZE,
                arena, bo, bo + keyLengths[b] - InternalKey.TRAILER_SIZE);
    }

    /** Forgets every entry and value. */
    public void clear() {
        for (int i = 0; i < size; i++) {
            values[i] = null;
        }
        size = 0;
        arenaUsed = 0;
        valueArenaUsed = 0;
        visible = 0;
    }
}
