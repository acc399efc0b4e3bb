package lsmdb.core.sstable;

import java.util.Arrays;

/**
 * A table's index separators (their user keys) cut down to one 8-byte word each: the bytes after the prefix all
 * separators share, big-endian, zero-padded. A point lookup binary-searches this small contiguous array on the heap
 * and gets the data block's ordinal directly, instead of searching the index block (a key object per step) and then
 * the block offsets. Only in memory; the file format is untouched.
 *
 * <p>Zero-padded prefixes keep the order of the keys (never reverse it), so a word below the target's belongs to a
 * smaller key and one above to a larger key; only equal words need the full keys, and then {@link #find} answers
 * {@link #UNDECIDED} and the caller searches the index block as before.
 */
final class BlockFence {

    /** {@link #find}'s answer when separators tie with the target on their words. */
    static final int UNDECIDED = -1;

    private final byte[] common;
    private final long[] words;

    private BlockFence(byte[] common, long[] words) {
        this.common = common;
        this.words = words;
    }

    /** The fence of {@code n} separators, {@code keys[i][0, lengths[i])} in ascending order. */
    static BlockFence of(byte[][] keys, int[] lengths, int n) {
        if (n == 0) {
            return new BlockFence(new byte[0], new long[0]);
        }
        int shared = lengths[0];
        for (int i = 1; i < n && shared > 0; i++) {
            int m = Arrays.mismatch(keys[0], 0, shared, keys[i], 0, Math.min(shared, lengths[i]));
            if (m >= 0) {
                shared = m;
            }
        }
        long[] words = new long[n];
        for (int i = 0; i < n; i++) {
            words[i] = word(keys[i], shared, lengths[i]);
        }
        return new BlockFence(Arrays.copyOf(keys[0], shared), words);
    }

    /** The number of separators (data blocks). */
    int size() {
        return words.length;
    }

    /**
     * The ordinal of the first separator whose user key is greater than or equal to {@code key[0, len)} — the only
     * data block that may hold it — decided without ties: {@link #size()} when every separator is smaller,
     * {@link #UNDECIDED} when a separator's word equals the target's (its full key must decide).
     */
    int find(byte[] key, int len) {
        int c = common.length;
        int m = Arrays.mismatch(key, 0, Math.min(len, c), common, 0, c);
        if (m >= 0) {
            // the key leaves the shared prefix: below every separator, or above every one
            if (m == len || (m < c && (key[m] & 0xff) < (common[m] & 0xff))) {
                return 0;
            }
            return words.length;
        }
        long target = word(key, c, len);
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
        return lo < words.length && words[lo] == target ? UNDECIDED : lo;
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
