package lsmdb.core.memtable;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A bloom filter over the user keys of one memtable, so that a lookup of a key the memtable lacks (most lookups:
 * the data lives in tables) costs one cache line instead of a skiplist descent. Each key sets four bits in one
 * 64-bit word, so a query touches one word.
 *
 * <p>One writer at a time (the memtable's); readers need no lock. A reader that must see a key (its sequence is
 * visible to the reader) sees its bits too: the writer sets them before the skiplist insert and the sequence
 * publication that the reader synchronises with.
 */
final class KeyFilter {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final long[] words;
    private final int mask;

    /** A filter sized for a memtable of about {@code expectedBytes}: one bit per 4 bytes of entries. */
    KeyFilter(long expectedBytes) {
        long wanted = Math.max(64, Math.min(1L << 24, expectedBytes / 256));
        int n = Long.highestOneBit(wanted * 2 - 1) > Integer.MAX_VALUE ? 1 << 24 : (int) Long.highestOneBit(wanted * 2 - 1);
        words = new long[n];
        mask = n - 1;
    }

    void add(byte[] key, int length) {
        long h = hash(key, length);
        words[index(h)] |= bits(h);
    }

    boolean mayContain(byte[] key, int length) {
        long h = hash(key, length);
        long b = bits(h);
        return (words[index(h)] & b) == b;
    }

    private int index(long h) {
        return (int) (h >>> 32) & mask;
    }

    private static long bits(long h) {
        return 1L << (h & 63) | 1L << ((h >>> 6) & 63) | 1L << ((h >>> 12) & 63) | 1L << ((h >>> 18) & 63);
    }

    static long hash(byte[] key, int length) {
        long h = 0x9e3779b97f4a7c15L ^ length;
        int i = 0;
        for (; i + 8 <= length; i += 8) {
            h = (h ^ (long) LONGS.get(key, i)) * 0xff51afd7ed558ccdL;
            h = Long.rotateLeft(h, 31);
        }
        long tail = 0;
        for (int shift = 0; i < length; i++, shift += 8) {
            tail |= (key[i] & 0xffL) << shift;
        }
        h = (h ^ tail) * 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 29;
        return h;
    }
}
