package lsmdb.core.sstable;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import lsmdb.core.CorruptionException;
import lsmdb.core.format.InternalKey;
import lsmdb.core.format.KeySlot;

/**
 * A block of a table (format in {@link BlockBuilder}), immutable and shareable between readers. Its bytes are either
 * a heap copy (held by the block cache) or a slice of the table's memory mapping, read in place; either way they
 * were checksummed before the block was made. Nothing is allocated to search.
 *
 * <p>Here: the block's layout and the point search in place ({@link #seekPoint}); walks and seeks go through a
 * {@link BlockIterator}.
 */
final class Block {

    /** The contents, the restart array's offset in them and its length: read by a {@link BlockIterator} moved here. */
    final ByteBuffer data;
    final int restartsOffset;
    final int restartCount;
    /** Where the block came from, for errors: the file, and the block's offset (-1 for the index block). */
    private final String fileName;
    private final long offset;

    /** {@code data[0..length)} holds the block contents. */
    Block(byte[] data, int length, String fileName, long offset) throws CorruptionException {
        this(ByteBuffer.wrap(data, 0, length).slice(), fileName, offset);
    }

    /** The block contents are all of {@code data} (position 0 to capacity); absolute reads only. */
    Block(ByteBuffer data, String fileName, long offset) throws CorruptionException {
        this.data = data.order(ByteOrder.LITTLE_ENDIAN);
        this.fileName = fileName;
        this.offset = offset;
        int length = data.capacity();
        if (length < 4) {
            throw new CorruptionException(source() + ": block too short");
        }
        this.restartCount = data.getInt(length - 4);
        long ro = length - 4 - 4L * restartCount;
        if (restartCount < 1 || ro < 0) {
            throw new CorruptionException(source() + ": bad restart array");
        }
        this.restartsOffset = (int) ro;
    }

    String source() {
        return offset < 0 ? fileName + " index block" : fileName + " block at offset " + offset;
    }

    /** The block's contents length in bytes. */
    int size() {
        return data.capacity();
    }

    /** Bytes this block holds in memory (what the block cache charges). */
    int memoryCharge() {
        return data.capacity() + 96;
    }

    BlockIterator iterator(KeyOrder order) {
        return new BlockIterator(this, order, new KeySlot());
    }

    /** A cursor that keeps its current key in {@code slot} (a table's, so its cursor's key is the table's). */
    BlockIterator iterator(KeyOrder order, KeySlot slot) {
        return new BlockIterator(this, order, slot);
    }

    /** {@link #seekPoint}'s answers besides an entry's offset. */
    static final int POINT_ABSENT = -1;
    static final int POINT_UNDECIDED = -2;

    private static final java.lang.invoke.VarHandle LE_LONG =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /**
     * A point get in a block of internal keys: the first entry at or after {@code target} (internal-key order), if its
     * user key is the target's. Returns the entry's offset and fills {@code hit}; {@link #POINT_ABSENT} when the first
     * entry at or after the target has another user key or the block ends first (as a seek there followed by a user-key
     * check would answer); {@link #POINT_UNDECIDED} in the rare shapes this search does not decide, and for malformed
     * entries (the caller then seeks with an iterator, which reports them).
     *
     * <p>Unlike an iterator's seek it rebuilds no key: keys are compared in place. An entry's key is the previous
     * key's first {@code shared} bytes plus its own; while {@code shared} does not pass {@code m}, the bytes the
     * previous key had in common with the target, those shared bytes are the target's own, and when it does pass
     * {@code m} and the previous key was below the target at byte {@code m}, so is this key, unread. Nothing is
     * allocated.
     */
    int seekPoint(byte[] target, PointHit hit) {
        int tu = target.length - InternalKey.TRAILER_SIZE;
        if (tu < 0) {
            return POINT_UNDECIDED;
        }
        long targetTrailer = InternalKey.trailer(target, 0, target.length);
        // The last restart point whose key is below the target.
        int lo = 0;
        int hi = restartCount - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            int keyPos = entry(restartOffset(mid), hit);
            if (keyPos < 0 || hit.shared != 0 || hit.unshared < InternalKey.TRAILER_SIZE) {
                return POINT_UNDECIDED;
            }
            if (compareInPlace(keyPos, hit.unshared, target, tu, targetTrailer) < 0) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return seekRun(target, tu, targetTrailer, restartOffset(lo), hit);
    }

    /**
     * {@link #seekPoint} once the restart run is known: {@code runStart} is where {@link #restartRun} says the run
     * {@link #seekPoint}'s binary search would pick for {@code target} starts, so the search only walks it.
     */
    int seekPointInRun(byte[] target, int runStart, PointHit hit) {
        int tu = target.length - InternalKey.TRAILER_SIZE;
        if (tu < 0 || runStart < 0 || runStart >= restartsOffset) {
            return POINT_UNDECIDED;
        }
        return seekRun(target, tu, InternalKey.trailer(target, 0, target.length), runStart, hit);
    }

    /** The walk of {@link #seekPoint} from the restart point at {@code p} (a run's first entry, a whole key). */
    private int seekRun(byte[] target, int tu, long targetTrailer, int p, PointHit hit) {
        int m = 0; // bytes the previous key's user key shares with the target's
        boolean belowAtM = false; // whether the previous key's byte m is below the target's (so that key is below)
        boolean first = true;
        boolean sameUser = false; // whether the previous key has the target's user key (a newer version)
        long prevTrailer = 0; // then its trailer
        while (p < restartsOffset) {
            int keyPos = entry(p, hit);
            if (keyPos < 0) {
                return POINT_UNDECIDED;
            }
            int shared = hit.shared;
            int unshared = hit.unshared;
            int vlen = hit.valueLength;
            int ue = shared + unshared - InternalKey.TRAILER_SIZE;
            if (ue < 0 || (first && shared != 0)) {
                return POINT_UNDECIDED;
            }
            first = false;
            int next = keyPos + unshared + vlen;
            boolean prevSameUser = sameUser;
            sameUser = false;
            if (shared > m) {
                if (prevSameUser && shared - tu < InternalKey.TRAILER_SIZE && ue >= tu) {
                    // The target's user key and the first bytes of the previous (newer) version's trailer.
                    if (ue > tu) {
                        return POINT_ABSENT; // a longer user key that starts with the target's
                    }
                    int fromPrev = shared - tu;
                    long trailer = prevTrailer >>> (64 - 8 * fromPrev) << (64 - 8 * fromPrev);
                    for (int i = 0; i < unshared; i++) {
                        trailer |= (long) (data.get(keyPos + i) & 0xff) << (8 * (unshared - 1 - i));
                    }
                    if (Long.compareUnsigned(trailer, targetTrailer) <= 0) {
                        hit.trailer = trailer;
                        hit.valueOffset = keyPos + unshared;
                        hit.valueLength = vlen;
                        return p;
                    }
                    prevTrailer = trailer;
                    sameUser = true;
                    p = next;
                    continue;
                }
                if (!belowAtM) {
                    return POINT_UNDECIDED;
                }
                // The previous key's byte m, which is below the target's: below the target as well.
                if (ue <= m) {
                    m = ue; // its user key is a proper prefix of the target's (below it too)
                    belowAtM = false;
                }
                p = next;
                continue;
            }
            // key[0, shared) == target[0, shared), as shared <= m <= tu
            if (ue < shared) {
                m = ue; // the user key ends inside the shared bytes: a proper prefix of the target's
                belowAtM = false;
                p = next;
                continue;
            }
            int n = Math.min(ue, tu) - shared;
            int k = mismatch(keyPos, target, shared, n);
            if (k < n) {
                if ((data.get(keyPos + k) & 0xff) > (target[shared + k] & 0xff)) {
                    return POINT_ABSENT; // a greater user key comes first
                }
                m = shared + k;
                belowAtM = true;
                p = next;
                continue;
            }
            if (ue != tu) {
                if (ue > tu) {
                    return POINT_ABSENT; // the target's user key is a proper prefix of this one
                }
                m = ue;
                belowAtM = false;
                p = next;
                continue;
            }
            long trailer = Long.reverseBytes(data.getLong(keyPos + tu - shared));
            if (Long.compareUnsigned(trailer, targetTrailer) <= 0) {
                hit.trailer = trailer;
                hit.valueOffset = keyPos + unshared;
                hit.valueLength = vlen;
                return p;
            }
            m = tu; // a version newer than the target's sequence: below it in internal order
            belowAtM = false;
            sameUser = true;
            prevTrailer = trailer;
            p = next;
        }
        return POINT_ABSENT;
    }

    /**
     * The trailer of the key of the entry at restart point {@code i} (an index block's entry {@code i}: every entry a
     * restart point), or -1 when that entry is not a whole key of at least a trailer's length.
     */
    long restartKeyTrailer(int i, PointHit scratch) {
        if (i < 0 || i >= restartCount) {
            return -1;
        }
        int keyPos = entry(restartOffset(i), scratch);
        if (keyPos < 0 || scratch.shared != 0 || scratch.unshared < InternalKey.TRAILER_SIZE) {
            return -1;
        }
        return Long.reverseBytes(data.getLong(keyPos + scratch.unshared - InternalKey.TRAILER_SIZE));
    }

    /** The restart count, read from this object alone (no block byte): a multi-get's first touch of the block. */
    int restartCount() {
        return restartCount;
    }

    /**
     * Reads the restart array word {@link #seekPoint} reads first, so a multi-get that calls this for many keys
     * before searching any has their cache misses overlap; the answer only feeds a sink that keeps the read alive.
     */
    int touchRestarts() {
        return data.getInt(restartsOffset + 4 * (restartCount >>> 1));
    }

    /**
     * Reads the first word of the entries at the restart points the first two steps of {@link #seekPoint}'s binary
     * search compare: the middle one, then the middle of either half. With the ~4 restarts of a 4 KB data block that
     * is every point the search may compare, so it finds all their lines loaded instead of waiting for the second one.
     */
    long touchSearchEntries() {
        int last = restartCount - 1;
        int mid = (last + 1) >>> 1; // the first step's, as the search's (lo + hi + 1) >>> 1 from lo = 0, hi = last
        return touchEntry(mid) + touchEntry(mid >>> 1) + touchEntry(Math.min((mid + last + 1) >>> 1, last));
    }

    private long touchEntry(int restart) {
        int p = restartOffset(restart);
        return p >= 0 && p + 8 <= restartsOffset ? data.getLong(p) : 0;
    }

    /**
     * Finds the restart run {@link #seekPoint} will search for {@code target} (as it does: the last restart point
     * whose key is below the target) and returns it as start << 32 | end, or -1 when the search would not decide.
     */
    long restartRun(byte[] target, PointHit scratch) {
        int tu = target.length - InternalKey.TRAILER_SIZE;
        if (tu < 0) {
            return -1;
        }
        long targetTrailer = InternalKey.trailer(target, 0, target.length);
        int lo = 0;
        int hi = restartCount - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            int keyPos = entry(restartOffset(mid), scratch);
            if (keyPos < 0 || scratch.shared != 0 || scratch.unshared < InternalKey.TRAILER_SIZE) {
                return -1;
            }
            if (compareInPlace(keyPos, scratch.unshared, target, tu, targetTrailer) < 0) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        int start = restartOffset(lo);
        int end = lo + 1 < restartCount ? restartOffset(lo + 1) : restartsOffset;
        return start < 0 || end < start || end > restartsOffset ? -1 : (long) start << 32 | end;
    }

    /** Reads one byte of each cache line of {@code [start, end)}, so a search through them finds them loaded. */
    int touchLines(int start, int end) {
        int s = 0;
        for (int p = start; p < end; p += 64) {
            s += data.get(p);
        }
        return s;
    }

    /** Copies {@code length} bytes at {@code offset} (a {@link PointHit}'s value) into a new array. */
    byte[] copy(int offset, int length) {
        byte[] v = new byte[length];
        data.get(offset, v, 0, length);
        return v;
    }

    /** Copies {@code length} bytes at {@code offset} to the front of {@code into}, which has room for them. */
    void copyInto(int offset, int length, byte[] into) {
        data.get(offset, into, 0, length);
    }

    private int restartOffset(int i) {
        return data.getInt(restartsOffset + 4 * i);
    }

    /**
     * Decodes the header of the entry at {@code p} into {@code s} (shared, unshared, valueLength) and returns where its
     * key bytes start; -1 when the header is malformed or the entry runs past the entries.
     */
    private int entry(int p, PointHit s) {
        long head;
        int q;
        if (p + 8 <= restartsOffset && ((head = data.getLong(p)) & 0x808080L) == 0) {
            s.shared = (int) head & 0xff;
            s.unshared = (int) (head >>> 8) & 0xff;
            s.valueLength = (int) (head >>> 16) & 0xff;
            q = p + 3;
        } else {
            long a = varintAt(p);
            long b = a < 0 ? -1 : varintAt((int) a);
            long c = b < 0 ? -1 : varintAt((int) b);
            if (c < 0) {
                return -1;
            }
            s.shared = (int) (a >>> 32);
            s.unshared = (int) (b >>> 32);
            s.valueLength = (int) (c >>> 32);
            q = (int) c;
        }
        return (long) q + s.unshared + s.valueLength > restartsOffset ? -1 : q;
    }

    /** The varint32 at {@code p} as value << 32 | the position after it; -1 if malformed, truncated or negative. */
    private long varintAt(int p) {
        long result = 0;
        for (int shift = 0; shift <= 28; shift += 7) {
            if (p >= restartsOffset) {
                return -1;
            }
            int b = data.get(p++);
            result |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return result > Integer.MAX_VALUE ? -1 : result << 32 | p;
            }
        }
        return -1;
    }

    /** Internal-key order of the key {@code [pos, pos + len)} of this block against {@code target}. */
    private int compareInPlace(int pos, int len, byte[] target, int tu, long targetTrailer) {
        int u = len - InternalKey.TRAILER_SIZE;
        int n = Math.min(u, tu);
        int k = mismatch(pos, target, 0, n);
        if (k < n) {
            return (data.get(pos + k) & 0xff) - (target[k] & 0xff);
        }
        if (u != tu) {
            return u - tu;
        }
        return Long.compareUnsigned(targetTrailer, Long.reverseBytes(data.getLong(pos + u)));
    }

    /** The first {@code i < n} where block byte {@code pos + i} differs from {@code t[tOff + i]}, else {@code n}. */
    private int mismatch(int pos, byte[] t, int tOff, int n) {
        if (data.hasArray()) {
            int base = data.arrayOffset() + pos;
            int r = Arrays.mismatch(data.array(), base, base + n, t, tOff, tOff + n);
            return r < 0 ? n : r;
        }
        if (n < 8) {
            return shortMismatch(pos, t, tOff, n);
        }
        // Every word is compared, the last one overlapping its neighbour, and the first difference kept by
        // arithmetic: no exit that depends on where the keys differ. Where that falls moves with the workload (past
        // the first word in a load's row keys, inside it in the index keys read next), and an exit the profile never
        // saw was a trap that threw away the compiled multi-get around it.
        int first = n;
        int last = n - 8;
        for (int i = 0; ; i = Math.min(i + 8, last)) {
            long x = data.getLong(pos + i) ^ (long) LE_LONG.get(t, tOff + i);
            int differs = (int) ((x | -x) >> 63);
            first = Math.min(first, ((i + (Long.numberOfTrailingZeros(x) >>> 3)) & differs) | (n & ~differs));
            if (i == last) {
                return first;
            }
        }
    }

    private int shortMismatch(int pos, byte[] t, int tOff, int n) {
        for (int i = 0; i < n; i++) {
            if (data.get(pos + i) != t[tOff + i]) {
                return i;
            }
        }
        return n;
    }
}
