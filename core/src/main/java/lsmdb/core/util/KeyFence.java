package lsmdb.core.util;

import java.util.Arrays;

/**
 * Sorted keys (a table's index separators, a level's largest keys) cut down to one 8-byte word each: the bytes after
 * the prefix all keys share, big-endian, zero-padded. A lookup binary-searches this small contiguous array on the
 * heap instead of the keys themselves (a separate object, often a cache miss, per step). Only in memory; no file
 * format changes.
 *
 * <p>Zero-padded prefixes keep the order of the keys (never reverse it), so a word below the target's belongs to a
 * smaller key and one above to a larger key; only equal words need the full keys, and then {@link #find} answers
 * {@link #UNDECIDED} and the caller searches the keys as before.
 */
public final class KeyFence {

    /** {@link #find}'s answer when separators tie with the target on their words. */
    public static final int UNDECIDED = -1;

    private final byte[] common;
    private final long[] words;
    /** Per key, its length past {@link #common}, or 9 when that exceeds a word (its word then holds a prefix). */
    private final byte[] tails;

    private KeyFence(byte[] common, long[] words, byte[] tails) {
        this.common = common;
        this.words = words;
        this.tails = tails;
    }

    /** The fence of {@code n} keys, {@code keys[i][0, lengths[i])} in ascending unsigned order. */
    public static KeyFence of(byte[][] keys, int[] lengths, int n) {
        if (n == 0) {
            return new KeyFence(new byte[0], new long[0], new byte[0]);
        }
        int shared = lengths[0];
        for (int i = 1; i < n && shared > 0; i++) {
            int m = Arrays.mismatch(keys[0], 0, shared, keys[i], 0, Math.min(shared, lengths[i]));
            if (m >= 0) {
                shared = m;
            }
        }
        long[] words = new long[n];
        byte[] tails = new byte[n];
        for (int i = 0; i < n; i++) {
            words[i] = word(keys[i], shared, lengths[i]);
            tails[i] = (byte) Math.min(lengths[i] - shared, 9);
        }
        return new KeyFence(Arrays.copyOf(keys[0], shared), words, tails);
    }

    /** The number of keys. */
    public int size() {
        return words.length;
    }

    /**
     * The index of the first key greater than or equal to {@code key[0, len)}, decided without ties: {@link #size()}
     * when every key is smaller, {@link #UNDECIDED} when a key's word equals the target's (its full key must decide).
     */
    public int find(byte[] key, int len) {
        int c = common.length;
        int m = Arrays.mismatch(key, 0, Math.min(len, c), common, 0, c);
        if (m >= 0) {
            // the target leaves the shared prefix: below every key (0), or above every one (size). Chosen by
            // arithmetic, not a branch: which side a level's seeks fall on changes when compaction reshapes the
            // level, and a side the profile never saw was an uncommon trap that recompiled the whole multi-get
            int below = Arrays.compareUnsigned(key, 0, Math.min(len, c), common, 0, c) >>> 31;
            return (below ^ 1) * words.length;
        }
        long target = word(key, c, len);
        int lo = lowerBound(target);
        return lo < words.length && words[lo] == target ? UNDECIDED : lo;
    }

    /**
     * As {@link #find}, except that a tie with a key the word holds whole (at most 8 bytes past the shared prefix) and
     * whose bytes are the target's, the only key with that word, is answered {@code -2 - i} for that key {@code i}
     * (see {@link #equalKey}): the caller knows key i equals the target and need not read it. Other ties are
     * {@link #UNDECIDED}.
     */
    public int findOrEqual(byte[] key, int len) {
        int i = find(key, len);
        if (i != UNDECIDED) {
            return i;
        }
        int c = common.length;
        int tail = len - c;
        if (tail > 8) {
            return UNDECIDED;
        }
        long target = word(key, c, len);
        int lo = lowerBound(target);
        if (tails[lo] != tail || (lo + 1 < words.length && words[lo + 1] == target)) {
            return UNDECIDED;
        }
        return -2 - lo;
    }

    /** The key {@link #findOrEqual}'s answer {@code answer} found equal to the target, or -1 for other answers. */
    public static int equalKey(int answer) {
        return answer <= -2 ? -2 - answer : -1;
    }

    private int lowerBound(long target) {
        int lo = 0;
        int hi = words.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(words[mid], target) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The 8 bytes of {@code key[from, len)} as an unsigned big-endian word, zero-padded. */
    private static long word(byte[] key, int from, int len) {
        long w = 0;
        for (int i = 0; i < 8; i++) {
            int p = from + i;
            w = (w << 8) | (p < len ? key[p] & 0xff : 0);
        }
        return w;
    }
}
