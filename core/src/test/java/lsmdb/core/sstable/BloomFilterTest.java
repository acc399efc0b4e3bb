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
        int n = 100_000;
        int[] hashes = new int[n];
        for (int i = 0; i < n; i++) {
            byte[] k = key(i);
            hashes[i] = BloomFilter.hash(k, 0, k.length);
        }
        byte[] filter = BloomFilter.build(hashes, n, 10);
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
        System.out.printf("bloom filter at 10 bits/key: %.3f%% false positives%n", 100 * rate);
        assertTrue(rate <= 0.02, "false positive rate " + rate);
    }
}
