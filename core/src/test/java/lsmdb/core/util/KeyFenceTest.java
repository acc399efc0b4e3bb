package lsmdb.core.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fence against a linear search over the same sorted keys: every decided answer is the first key >= target. */
class KeyFenceTest {

    @Test
    void decidedAnswersAreTheFirstKeyAtOrAboveTheTarget() {
        Random r = new Random(3);
        byte[] alphabet = {0, 1, 2, (byte) 0x80, (byte) 0xff};
        int decided = 0;
        int undecided = 0;
        for (int round = 0; round < 300; round++) {
            byte[] shared = randomBytes(r, alphabet, r.nextInt(12));
            byte[][] keys = sortedKeys(r, alphabet, shared, 1 + r.nextInt(40));
            int n = keys.length;
            int[] lengths = new int[n];
            byte[][] padded = new byte[n][];
            for (int i = 0; i < n; i++) {
                lengths[i] = keys[i].length;
                padded[i] = Arrays.copyOf(keys[i], keys[i].length + r.nextInt(3)); // only [0, length) counts
            }
            KeyFence fence = KeyFence.of(padded, lengths, n);
            assertEquals(n, fence.size());
            for (int q = 0; q < 200; q++) {
                byte[] target = q % 3 == 0 ? keys[r.nextInt(n)].clone() : randomKey(r, alphabet,
                        q % 5 == 0 ? new byte[0] : shared);
                int len = target.length;
                byte[] buffer = Arrays.copyOf(target, len + r.nextInt(9)); // a seek key carries a trailer
                int expected = firstAtOrAbove(keys, target);
                int got = fence.find(buffer, len);
                // undecided exactly when the target shares the keys' common prefix and a key ties with it on
                // the next 16 bytes (zero-padded)
                int common = commonPrefix(keys);
                boolean tie = false;
                if (len >= common && Arrays.equals(target, 0, common, keys[0], 0, common)) {
                    for (byte[] k : keys) {
                        tie |= sameWordsAfter(k, target, common);
                    }
                }
                if (tie) {
                    undecided++;
                    assertEquals(KeyFence.UNDECIDED, got, "round " + round + " query " + q);
                } else {
                    decided++;
                    assertEquals(expected, got, "round " + round + " query " + q);
                }
            }
        }
        assertTrue(decided > 1000 && undecided > 100, decided + " decided, " + undecided + " undecided");
    }

    /** findOrEqual: find's decided answers, plus ties on a key equal to the target, which it names. */
    @Test
    void findOrEqualNamesTheKeyEqualToTheTarget() {
        Random r = new Random(5);
        byte[] alphabet = {0, 1, 2, (byte) 0x80, (byte) 0xff};
        int equal = 0;
        int undecided = 0;
        for (int round = 0; round < 300; round++) {
            byte[] shared = randomBytes(r, alphabet, r.nextInt(6));
            byte[][] keys = sortedKeys(r, alphabet, shared, 1 + r.nextInt(40));
            int n = keys.length;
            KeyFence fence = fenceOf(keys);
            for (int q = 0; q < 200; q++) {
                byte[] target = q % 2 == 0 ? keys[r.nextInt(n)].clone() : randomKey(r, alphabet, shared);
                int len = target.length;
                byte[] buffer = Arrays.copyOf(target, len + r.nextInt(9));
                int expected = firstAtOrAbove(keys, target);
                int plain = fence.find(buffer, len);
                int got = fence.findOrEqual(buffer, len);
                int eq = KeyFence.equalKey(got);
                if (plain != KeyFence.UNDECIDED) {
                    assertEquals(plain, got, "decided answers stay, round " + round + " query " + q);
                    assertEquals(-1, eq);
                } else if (eq >= 0) {
                    equal++;
                    assertEquals(expected, eq, "round " + round + " query " + q);
                    assertTrue(Arrays.equals(keys[eq], target), "round " + round + " query " + q);
                    assertTrue(eq + 1 == n || !Arrays.equals(keys[eq + 1], target), "the only equal key");
                } else {
                    undecided++;
                    assertEquals(KeyFence.UNDECIDED, got);
                }
            }
        }
        assertTrue(equal > 1000 && undecided > 100, equal + " equal, " + undecided + " undecided");
    }

    /**
     * findUserKey: the first key at or above the target, decided also when the target equals a key (or a key extends
     * it with zeros and more); undecided only where the words cannot order them.
     */
    @Test
    void findUserKeyDecidesTiesWithAnEqualOrLongerKey() {
        Random r = new Random(9);
        byte[] alphabet = {0, 1, 2, (byte) 0x80, (byte) 0xff};
        int equalDecided = 0;
        int undecided = 0;
        int decided = 0;
        for (int round = 0; round < 300; round++) {
            byte[] shared = randomBytes(r, alphabet, r.nextInt(12));
            byte[][] keys = sortedKeys(r, alphabet, shared, 1 + r.nextInt(40));
            int n = keys.length;
            KeyFence fence = fenceOf(keys);
            int common = commonPrefix(keys);
            for (int q = 0; q < 200; q++) {
                byte[] target = q % 2 == 0 ? keys[r.nextInt(n)].clone() : randomKey(r, alphabet,
                        q % 5 == 1 ? new byte[0] : shared);
                int len = target.length;
                byte[] buffer = Arrays.copyOf(target, len + r.nextInt(9)); // a seek key carries a trailer
                int expected = firstAtOrAbove(keys, target);
                int got = fence.findUserKey(buffer, len);
                if (got == KeyFence.UNDECIDED) {
                    undecided++;
                    // allowed only where a key ties with the target on the words and the words cannot order them
                    boolean sharesCommon = len >= common && Arrays.equals(target, 0, common, keys[0], 0, common);
                    boolean excused = false;
                    for (byte[] k : keys) {
                        excused |= sharesCommon && sameWordsAfter(k, target, common)
                                && (len - common > 16 || k.length < len);
                    }
                    assertTrue(excused, "undecided without a reason, round " + round + " query " + q);
                } else {
                    decided++;
                    assertEquals(expected, got, "round " + round + " query " + q);
                    if (expected < n && Arrays.equals(keys[expected], target)) {
                        equalDecided++;
                    }
                }
                boolean onlyTie = expected < n && Arrays.equals(keys[expected], target) && len - common <= 16
                        && (expected == 0 || !sameWordsAfter(keys[expected - 1], target, common));
                if (onlyTie) { // as a fixed-length key always is: no shorter key zero-padded to the same words
                    assertEquals(expected, got, "a key equal to the target is decided, round " + round + " query " + q);
                }
            }
        }
        assertTrue(decided > 1000 && equalDecided > 1000 && undecided > 10,
                decided + " decided (" + equalDecided + " equal), " + undecided + " undecided");
    }

    /**
     * Large fences in the shapes real levels take, beyond the small random ones above: dense ids, decimal digits
     * (YCSB's and db_bench's keys), a few far-apart clusters, first words all equal (only the second words order the
     * keys). Every decided answer must be the first key at or above the target, found by a linear search.
     */
    @Test
    void largeFencesOfEveryShapeAnswerAsALinearSearch() {
        Random r = new Random(11);
        int checked = 0;
        for (int round = 0; round < 400; round++) {
            int shape = round % 4;
            int n = 1 + r.nextInt(round % 8 == 0 ? 5000 : 300);
            byte[][] keys = shapedKeys(r, shape, n);
            KeyFence fence = fenceOf(keys);
            for (int q = 0; q < 300; q++) {
                byte[] target = shapedTarget(r, shape, keys);
                int len = target.length;
                byte[] buffer = Arrays.copyOf(target, len + r.nextInt(9));
                int expected = firstAtOrAbove(keys, target);
                int got = fence.findUserKey(buffer, len);
                if (got != KeyFence.UNDECIDED) {
                    assertEquals(expected, got, "shape " + shape + " n " + n + " round " + round + " query " + q);
                    checked++;
                }
                int plain = fence.find(buffer, len);
                if (plain != KeyFence.UNDECIDED) {
                    assertEquals(expected, plain, "shape " + shape + " n " + n + " round " + round + " query " + q);
                }
                int equal = KeyFence.equalKey(fence.findOrEqual(buffer, len));
                if (equal >= 0) {
                    assertEquals(expected, equal, "shape " + shape + " n " + n + " round " + round + " query " + q);
                }
            }
        }
        assertTrue(checked > 100_000, checked + " decided");
    }

    /** {@code n} distinct sorted keys of one {@code shape} (see the test above), behind a shared 5-byte prefix. */
    private static byte[][] shapedKeys(Random r, int shape, int n) {
        java.util.TreeSet<byte[]> set = new java.util.TreeSet<>(Arrays::compareUnsigned);
        long base = r.nextLong() >>> r.nextInt(64);
        long[] clusters = {r.nextLong(), r.nextLong(), r.nextLong()};
        while (set.size() < n) {
            long id;
            switch (shape) {
                case 0 -> id = base + set.size() * (1 + (long) r.nextInt(3));
                case 1 -> id = r.nextInt(10_000_000);
                case 2 -> id = clusters[r.nextInt(3)] + r.nextInt(10 * n);
                default -> id = r.nextInt(1 << 20);
            }
            set.add(shapedKey(shape, id));
        }
        return set.toArray(new byte[0][]);
    }

    private static byte[] shapedKey(int shape, long id) {
        java.nio.ByteBuffer b;
        if (shape == 1) {
            return ("\1\0\0\0\7user" + String.format("%010d", id)).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        }
        if (shape == 3) { // the first word after the prefix the same for all: ids live in the second
            b = java.nio.ByteBuffer.allocate(5 + 16).put(new byte[] {1, 0, 0, 0, 7}).putLong(42L).putLong(id);
        } else {
            b = java.nio.ByteBuffer.allocate(5 + 8).put(new byte[] {1, 0, 0, 0, 7}).putLong(id);
        }
        return b.array();
    }

    /** A key of the fence, a key beside one (a byte more or less), or anything, inside the prefix or out of it. */
    private static byte[] shapedTarget(Random r, int shape, byte[][] keys) {
        byte[] k = keys[r.nextInt(keys.length)].clone();
        switch (r.nextInt(6)) {
            case 0, 1:
                return k;
            case 2:
                k[k.length - 1]++;
                return k;
            case 3:
                k[k.length - 1]--;
                return k;
            case 4:
                return shapedKey(shape, r.nextLong());
            default:
                byte[] any = new byte[r.nextInt(24)];
                r.nextBytes(any);
                return any;
        }
    }

    /** The fence of {@code keys}, each whole. */
    private static KeyFence fenceOf(byte[][] keys) {
        int[] lengths = new int[keys.length];
        for (int i = 0; i < keys.length; i++) {
            lengths[i] = keys[i].length;
        }
        return KeyFence.of(keys, lengths, keys.length);
    }

    /** The index of the first of the sorted {@code keys} at or above {@code target}; their count when none is. */
    private static int firstAtOrAbove(byte[][] keys, byte[] target) {
        int i = 0;
        while (i < keys.length && Arrays.compareUnsigned(keys[i], target) < 0) {
            i++;
        }
        return i;
    }

    private static int commonPrefix(byte[][] keys) {
        int shared = keys[0].length;
        for (byte[] k : keys) {
            int m = Arrays.mismatch(keys[0], 0, shared, k, 0, Math.min(shared, k.length));
            if (m >= 0) {
                shared = m;
            }
        }
        return shared;
    }

    @Test
    void anEmptyFenceSendsEveryKeyPastTheEnd() {
        KeyFence fence = KeyFence.of(new byte[0][], new int[0], 0);
        assertEquals(0, fence.find(new byte[] {5}, 1));
    }

    private static boolean sameWordsAfter(byte[] a, byte[] b, int from) {
        for (int i = from; i < from + 16; i++) {
            int x = i < a.length ? a[i] : 0;
            int y = i < b.length ? b[i] : 0;
            if (x != y) {
                return false;
            }
        }
        return true;
    }

    /** {@code length} bytes drawn from {@code alphabet}. */
    private static byte[] randomBytes(Random r, byte[] alphabet, int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = alphabet[r.nextInt(alphabet.length)];
        }
        return b;
    }

    /** {@code n} random keys starting with {@code shared}, in unsigned order. */
    private static byte[][] sortedKeys(Random r, byte[] alphabet, byte[] shared, int n) {
        byte[][] keys = new byte[n][];
        for (int i = 0; i < n; i++) {
            keys[i] = randomKey(r, alphabet, shared);
        }
        Arrays.sort(keys, Arrays::compareUnsigned);
        return keys;
    }

    private static byte[] randomKey(Random r, byte[] alphabet, byte[] shared) {
        byte[] k = Arrays.copyOf(shared, shared.length + r.nextInt(22)); // past the fence's 16 bytes too
        for (int i = shared.length; i < k.length; i++) {
            k[i] = alphabet[r.nextInt(alphabet.length)];
        }
        return k;
    }
}
