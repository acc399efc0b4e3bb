package lsmdb.core.util;

import java.util.Arrays;

/**
 * Sorted keys (a table's index separators, a level's largest keys) cut down to two 8-byte words each: the 16 bytes
 * after the prefix all keys share, big-endian, zero-padded. A lookup binary-searches these small contiguous arrays on
 * the heap instead of the keys themselves (a separate object, often a cache miss, per step). Only in memory; no file
 * format changes. Two words, not one: a level that holds several tables and indexes shares no prefix, and one word
 * then ends inside an SQL row key (a marker byte, 4 bytes of table id, 3 of the 8-byte id), tying every row of a
 * table with every file of it.
 *
 * <p>Zero-padded prefixes keep the order of the keys (never reverse it), so words below the target's belong to a
 * smaller key and words above to a larger key; only equal words need the full keys, and then {@link #find} answers
 * {@link #UNDECIDED} and the caller searches the keys as before.
 */
public final class KeyFence {

    /** {@link #find}'s answer when separators tie with the target on their words. */
    public static final int UNDECIDED = -1;

    private final byte[] common;
    private final long[] words;
    /** The 8 bytes after each key's {@link #words}: only compared when the first words tie. */
    private final long[] nextWords;
    /** Per key, its length past {@link #common}, or 17 when that exceeds the words (they then hold a prefix). */
    private final byte[] tails;

    private KeyFence(byte[] common, long[] words, long[] nextWords, byte[] tails) {
        this.common = common;
        this.words = words;
        this.nextWords = nextWords;
        this.tails = tails;
    }

    /** The fence of {@code n} keys, {@code keys[i][0, lengths[i])} in ascending unsigned order. */
    public static KeyFence of(byte[][] keys, int[] lengths, int n) {
        if (n == 0) {
            return new KeyFence(new byte[0], new long[0], new long[0], new byte[0]);
        }
        int shared = lengths[0];
        for (int i = 1; i < n && shared > 0; i++) {
            int m = Arrays.mismatch(keys[0], 0, shared, keys[i], 0, Math.min(shared, lengths[i]));
            if (m >= 0) {
                shared = m;
            }
        }
        long[] words = new long[n];
        long[] nextWords = new long[n];
        byte[] tails = new byte[n];
        for (int i = 0; i < n; i++) {
            words[i] = word(keys[i], shared, lengths[i]);
            nextWords[i] = word(keys[i], shared + 8, lengths[i]);
            tails[i] = (byte) Math.min(lengths[i] - shared, 17);
        }
        return new KeyFence(Arrays.copyOf(keys[0], shared), words, nextWords, tails);
    }

    /** The number of keys. */
    public int size() {
        return words.length;
    }

    /**
     * The index of the first key greater than or equal to {@code key[0, len)}, decided without ties: {@link #size()}
     * when every key is smaller, {@link #UNDECIDED} when a key's words equal the target's (its full key must decide).
     */
    public int find(byte[] key, int len) {
        int c = common.length;
        int n = words.length;
        int outside = outsideCommon(key, len);
        if (n == 0) {
            return 0;
        }
        long target = word(key, c, len);
        long next = word(key, c + 8, len);
        int lo = lowerBound(target, next);
        int at = Math.min(lo, n - 1);
        long differ = (words[at] ^ target) | (nextWords[at] ^ next);
        int tie = (int) (((differ | -differ) >>> 63) ^ 1) & ((lo - n) >>> 31); // lo's words are the target's
        return outsideOr(outside, lo | -tie);
    }

    /**
     * {@code outside} when the key left the shared prefix ({@link #outsideCommon} non-negative), else {@code inside}:
     * a select by arithmetic. Which side a level's seeks fall on changes between workloads (a multi-get of absent
     * keys while loading, of present ones in the next phase), and a side the profile never saw was a trap that threw
     * away the compiled multi-get or seek around it; the words' answer is computed either way, harmlessly.
     */
    private static int outsideOr(int outside, int inside) {
        int in = outside >> 31; // -1 inside the prefix, 0 outside
        return (inside & in) | (outside & ~in);
    }

    /**
     * As {@link #find} for keys ordered as user keys alone, as a sorted level's files are (no user key lies in two
     * of them): a tie with a key the words show equal to the target, or longer than it by zeros and more, answers
     * that key, with no branch taken; {@link #UNDECIDED} only when the words cannot order them (a target longer than
     * the words, or a key shorter than the target that zero padding ties with it). A get of a file's largest key (one
     * get in a file's worth) went the undecided way, a branch C2 had made a trap that threw the compiled get away.
     */
    public int findUserKey(byte[] key, int len) {
        int c = common.length;
        int n = words.length;
        int outside = outsideCommon(key, len);
        if (n == 0) {
            return 0; // with no keys, 0 either way
        }
        long target = word(key, c, len);
        long next = word(key, c + 8, len);
        int lo = lowerBound(target, next);
        int at = Math.min(lo, n - 1);
        long differ = (words[at] ^ target) | (nextWords[at] ^ next);
        int tie = (int) (((differ | -differ) >>> 63) ^ 1) & ((lo - n) >>> 31); // lo's words are the target's
        int tail = Math.min(len - c, 17);
        int unordered = ((tails[at] - tail) >>> 31) | ((16 - tail) >>> 31); // lo shorter, or the target too long
        return outsideOr(outside, lo | -(tie & unordered));
    }

    /**
     * As {@link #find}, except that a tie with a key the words hold whole (at most 16 bytes past the shared prefix)
     * and whose bytes are the target's, the only key with those words, is answered {@code -2 - i} for that key {@code i}
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
        if (tail > 16) {
            return UNDECIDED;
        }
        long target = word(key, c, len);
        long next = word(key, c + 8, len);
        int lo = lowerBound(target, next);
        if (tails[lo] != tail || (lo + 1 < words.length && words[lo + 1] == target && nextWords[lo + 1] == next)) {
            return UNDECIDED;
        }
        return -2 - lo;
    }

    /** The key {@link #findOrEqual}'s answer {@code answer} found equal to the target, or -1 for other answers. */
    public static int equalKey(int answer) {
        return answer <= -2 ? -2 - answer : -1;
    }

    /**
     * Where {@code key[0, len)} goes when it leaves the keys' shared prefix: below every key (0) or above every one
     * ({@link #size()}); -1 when it holds the prefix, and the words must decide. Chosen by arithmetic, not a branch:
     * which side a level's seeks fall on changes when compaction reshapes the level, and a side the profile never saw
     * was an uncommon trap that recompiled the whole multi-get.
     */
    private int outsideCommon(byte[] key, int len) {
        int c = common.length;
        int order = Arrays.compareUnsigned(key, 0, Math.min(len, c), common, 0, c); // 0: the key holds the prefix
        int below = order >>> 31;
        int left = -((order | -order) >>> 31); // -1 when the key left the prefix
        return ((below ^ 1) * words.length & left) | ~left;
    }

    /** The first key whose words are at or above {@code (target, next)}. */
    private int lowerBound(long target, long next) {
        int lo = 0;
        int hi = words.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            // the second word counts only on a tie of the first: by weight, not by a branch that levels whose
            // first words never tie would leave unprofiled
            int order = 2 * Integer.signum(Long.compareUnsigned(words[mid], target))
                    + Integer.signum(Long.compareUnsigned(nextWords[mid], next));
            if (order < 0) {
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
