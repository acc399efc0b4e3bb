package lsmdb.sql.session;

import java.util.Arrays;

/**
 * Remembers which distinct index value ({@link IndexEntrySorter#valueId}) the stored bytes of a row's indexed
 * columns stand for, so an index build decodes and encodes a value once, not once per row: a status or city column
 * of a million rows holds a handful of values. Several byte strings may stand for one value (a DECIMAL stored at two
 * scales); that is fine, the sorter merges them by their encoded form. It gives up (every lookup misses) once it
 * holds {@link #MAX_VALUES} byte strings: a column of many distinct values gains nothing from it.
 *
 * <p>Not thread-safe.
 */
final class StoredValueIds {

    static final int MAX_VALUES = 4096;

    private final byte[][] keys = new byte[MAX_VALUES * 2][];
    private final int[] ids = new int[MAX_VALUES * 2];
    private int size;

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

    private static int hash(byte[] b, int n) {
        int h = 0x9E3779B9;
        for (int i = 0; i < n; i++) {
            h = (h ^ b[i]) * 0x01000193;
        }
        return h ^ (h >>> 16);
    }
}
