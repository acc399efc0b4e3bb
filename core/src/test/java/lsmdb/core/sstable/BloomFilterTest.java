package lsmdb.core.sstable;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
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
}
