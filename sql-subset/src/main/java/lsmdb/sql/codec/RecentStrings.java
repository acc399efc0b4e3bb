package lsmdb.sql.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Strings decoded lately by one reader of many rows, found again by their bytes: a column of few distinct values
 * (a status, a city) then builds each string once and hands out strings whose hash is already known. It stops
 * looking once misses clearly outnumber hits (a column of distinct names). Not thread-safe.
 */
public final class RecentStrings {
    private static final int SLOTS = 64;
    private static final int LONGEST = 32;
    /**
     * Builds every string afresh and remembers none: what a reader passes until it proves long, instead of null, so
     * that decoding never branches on whether a reader has strings (a branch one query type never takes is
     * compiled as a trap that the first long scan after it fires). Shared: it writes no field.
     */
    public static final RecentStrings NONE = new RecentStrings(Integer.MAX_VALUE);
    /** Made with the first string short enough to look up: a scan of long values only never needs them. */
    private byte[][] bytes;
    private String[] strings;
    private int hits;
    private int misses;

    public RecentStrings() {
        this(0);
    }

    private RecentStrings(int misses) {
        this.misses = misses;
    }

    String get(byte[] b, int off, int len) {
        if (len > LONGEST || misses > hits + 256) {
            return new String(b, off, len, StandardCharsets.UTF_8);
        }
        if (bytes == null) {
            bytes = new byte[SLOTS][];
            strings = new String[SLOTS];
        }
        int h = len == 0 ? 0 : (len * 31 + b[off] * 7 + b[off + len - 1] * 3 + b[off + (len >> 1)]) & (SLOTS - 1);
        // two slots per hash: two values that share a slot ("paid" and "packed") would otherwise evict each other
        // on every row, each a miss that builds a string and hashes it again
        int h2 = h ^ 1;
        byte[] k = bytes[h];
        if (k != null && Arrays.equals(k, 0, k.length, b, off, off + len)) {
            hits++;
            return strings[h];
        }
        byte[] k2 = bytes[h2];
        if (k2 != null && Arrays.equals(k2, 0, k2.length, b, off, off + len)) {
            hits++;
            return strings[h2];
        }
        misses++;
        String s = new String(b, off, len, StandardCharsets.UTF_8);
        int slot = k == null || k2 != null ? h : h2;
        bytes[slot] = Arrays.copyOfRange(b, off, off + len);
        strings[slot] = s;
        return s;
    }
}
