package lsmdb.core.sstable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The bloom filter never denies a key it holds, and at 10 bits a key lets through at most about 1% of others. */
class BloomFilterTest {

    private static byte[] key(int i) {
        return String.format("%016d", i).getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void noFalseNegativesAndFewFalsePositives() {
        check(false, 100_000);
        check(false, 7); // smaller than one block
    }

    @Test
    void filtersInTheEarlierUnblockedLayoutStillWork() {
        check(true, 100_000);
    }

    @Test
    void anUnknownLayoutRulesNothingOut() {
        byte[] filter = new byte[65];
        filter[64] = (byte) 0x7f; // blocked marker with 63 probes: not something this reader writes
        assertTrue(BloomFilter.mayContain(filter, 12345));
    }

    private static void check(boolean unblocked, int n) {
        int[] hashes = new int[n];
        for (int i = 0; i < n; i++) {
            byte[] k = key(i);
            hashes[i] = BloomFilter.hash(k, 0, k.length);
        }
        byte[] filter = unblocked ? BloomFilter.buildUnblocked(hashes, n, 10) : BloomFilter.build(hashes, n, 10);
        for (int i = 0; i < n; i++) {
            assertTrue(BloomFilter.mayContain(filter, hashes[i]), "key " + i + " must be found");
        }
        int falsePositives = 0;
        for (int i = n; i < 2 * n; i++) {
            byte[] k = key(i);
            if (BloomFilter.mayContain(filter, BloomFilter.hash(k, 0, k.length))) {
                falsePositives++;
            }
        }
        double rate = falsePositives / (double) n;
        System.out.printf("bloom filter (%s) at 10 bits/key, %d keys: %.3f%% false positives%n",
                unblocked ? "unblocked" : "blocked", n, 100 * rate);
        assertTrue(rate <= (n < 100 ? 0.05 : 0.02), "false positive rate " + rate);
    }

    /**
     * The hash decides which bits every table on disk has set: it must stay exactly the function the filters were
     * written with, however it reads the key. Compared with that function written out byte by byte, over slices of
     * every length up to 40 at every offset alignment, and bytes of every value (sign extension would show there).
     */
    @Test
    void hashIsUnchangedOverEverySliceLengthAndOffset() {
        Random r = new Random(11);
        byte[] buf = new byte[64];
        for (int round = 0; round < 2000; round++) {
            r.nextBytes(buf);
            int len = r.nextInt(41);
            int off = r.nextInt(buf.length - len + 1);
            assertEquals(referenceHash(buf, off, len), BloomFilter.hash(buf, off, len), "len " + len + " off " + off);
        }
    }

    /** The hash as the first filters were written: Murmur3-style over little-endian words, byte by byte. */
    private static int referenceHash(byte[] key, int off, int len) {
        int h = 0x9747b28c ^ len;
        int i = off;
        int end = off + len;
        while (i + 4 <= end) {
            int k = (key[i] & 0xff) | (key[i + 1] & 0xff) << 8 | (key[i + 2] & 0xff) << 16 | (key[i + 3] & 0xff) << 24;
            k *= 0xcc9e2d51;
            k = Integer.rotateLeft(k, 15);
            k *= 0x1b873593;
            h ^= k;
            h = Integer.rotateLeft(h, 13);
            h = h * 5 + 0xe6546b64;
            i += 4;
        }
        int k = 0;
        int tail = end - i;
        if (tail == 3) {
            k ^= (key[i + 2] & 0xff) << 16;
        }
        if (tail >= 2) {
            k ^= (key[i + 1] & 0xff) << 8;
        }
        if (tail >= 1) {
            k ^= key[i] & 0xff;
            k *= 0xcc9e2d51;
            k = Integer.rotateLeft(k, 15);
            k *= 0x1b873593;
            h ^= k;
        }
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }
}
