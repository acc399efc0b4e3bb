package lsmdb.core.memtable;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class KeyFilterTest {

    private static byte[] key(int i, int length) {
        byte[] k = new byte[length];
        ByteBuffer.wrap(k).putInt(length - 4, i);
        return k;
    }

    @Test
    void neverDeniesAnAddedKeyAndRarelyAdmitsOthers() {
        for (int length : new int[] {4, 9, 16, 23}) {
            // A 4 MiB memtable of 130-byte entries holds about 32k keys.
            KeyFilter f = new KeyFilter(4L << 20);
            int n = 32_000;
            for (int i = 0; i < n; i++) {
                f.add(key(i * 2, length), length);
            }
            for (int i = 0; i < n; i++) {
                assertTrue(f.mayContain(key(i * 2, length), length), "added key " + i + " denied");
            }
            int falsePositives = 0;
            for (int i = 0; i < n; i++) {
                if (f.mayContain(key(i * 2 + 1, length), length)) {
                    falsePositives++;
                }
            }
            double rate = falsePositives / (double) n;
            System.out.printf("memtable key filter, %d-byte keys: %.3f%% false positives%n", length, rate * 100);
            assertTrue(rate < 0.02, "false positive rate " + rate + " for " + length + "-byte keys");
        }
    }
}
