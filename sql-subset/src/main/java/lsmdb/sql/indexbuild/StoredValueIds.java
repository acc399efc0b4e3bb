package lsmdb.sql.indexbuild;

import java.util.Arrays;

/**
 * Remembers which distinct index value ({@link IndexEntrySorter#valueId}) the stored bytes of a row's indexed
 * columns stand for, so an index build decodes and encodes a value once, not once per row: a status or city column
 * of a million rows holds a handful of values. Several byte strings may stand for one value (a DECIMAL stored at two
 * scales); that is fine, the sorter merges them by their encoded form. It gives up (every lookup misses) once it
 * holds {@link #MAX_VALUES} byte strings: a column of many distinct values gains nothing from it.
 *
 * <p>Byte strings of at most {@link #SHORT} bytes (a status, a city, a small number, with their NULL flag) are kept
 * apart, packed into two longs each: such a lookup hashes and compares two words instead of a byte array, which is
 * most of what an index build over such a column does per row besides reading it.
 *
 * <p>Not thread-safe.
 */
final class StoredValueIds {

    static final int MAX_VALUES = 4096;

    private final byte[][] keys = new byte[MAX_VALUES * 2][];
    private final int[] ids = new int[MAX_VALUES * 2];
    private int size;

    /** The longest byte string kept packed ({@link #getShort}). */
    static final int SHORT = 16;
    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    /** Packed byte strings: first and second eight bytes (zero past the end), length + 1 (0 = empty slot), id. */
    private final long[] shortLo = new long[MAX_VALUES * 2];
    private final long[] shortHi = new long[MAX_VALUES * 2];
    private final int[] shortTag = new int[MAX_VALUES * 2];
    private final int[] shortIds = new int[MAX_VALUES * 2];
    /** The last {@link #getShort} key, for the {@link #putShort} after a miss. */
    private long lastLo;
    private long lastHi;
    private int lastTag;

    /** Whether it stopped remembering (lookups then only cost time). */
    boolean full() {
        return size >= MAX_VALUES;
    }

    /** The value id remembered for {@code b[0, n)}, or -1. */
    int get(byte[] b, int n) {
        int mask = keys.length - 1;
        for (int i = hash(b, n) & mask; ; i = (i + 1) & mask) {
            byte[] k = keys[i];
            if (k == null) {
                return -1;
            }
            if (k.length == n && Arrays.equals(k, 0, n, b, 0, n)) {
                return ids[i];
            }
        }
    }

    /** Remembers {@code b[0, n)} as value {@code id}, unless full. REQUIRES: not remembered yet. */
    void put(byte[] b, int n, int id) {
        if (size >= MAX_VALUES) {
            return;
        }
        int mask = keys.length - 1;
        int i = hash(b, n) & mask;
        while (keys[i] != null) {
            i = (i + 1) & mask;
        }
        keys[i] = Arrays.copyOf(b, n);
        ids[i] = id;
        size++;
    }

    /**
     * The value id remembered for the byte string {@code present ? b[from, to) : NULL}, or -1.
     * REQUIRES: {@code to - from <= SHORT} and {@code b.length >= from + SHORT} (the bytes past {@code to} are
     * read, not used).
     */
    int getShort(byte[] b, int from, int to, boolean present) {
        int n = to - from;
        long lo = 0;
        long hi = 0;
        if (present && n > 0) {
            lo = (long) LONGS.get(b, from);
            if (n < 8) {
                lo &= (1L << (n << 3)) - 1;
            } else if (n > 8) {
                hi = (long) LONGS.get(b, from + 8);
                if (n < 16) {
                    hi &= (1L << ((n - 8) << 3)) - 1;
                }
            }
        }
        int tag = present ? n + 2 : 1;
        lastLo = lo;
        lastHi = hi;
        lastTag = tag;
        int mask = shortTag.length - 1;
        for (int i = shortHash(lo, hi, tag) & mask; ; i = (i + 1) & mask) {
            int t = shortTag[i];
            if (t == 0) {
                return -1;
            }
            if (t == tag && shortLo[i] == lo && shortHi[i] == hi) {
                return shortIds[i];
            }
        }
    }

    /** Remembers the byte string of the last {@link #getShort} (which missed) as value {@code id}, unless full. */
    void putShort(int id) {
        if (size >= MAX_VALUES) {
            return;
        }
        int mask = shortTag.length - 1;
        int i = shortHash(lastLo, lastHi, lastTag) & mask;
        while (shortTag[i] != 0) {
            i = (i + 1) & mask;
        }
        shortLo[i] = lastLo;
        shortHi[i] = lastHi;
        shortTag[i] = lastTag;
        shortIds[i] = id;
        size++;
    }

    private static int shortHash(long lo, long hi, int tag) {
        long h = (lo * 0x9E3779B97F4A7C15L) ^ (hi * 0xC2B2AE3D27D4EB4FL) ^ tag;
        h *= 0x165667B19E3779F9L;
        return (int) (h >>> 32);
    }

    private static int hash(byte[] b, int n) {
        int h = 0x9E3779B9;
        for (int i = 0; i < n; i++) {
            h = (h ^ b[i]) * 0x01000193;
        }
        return h ^ (h >>> 16);
    }
}
