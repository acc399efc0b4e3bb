package lsmdb.sql.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link RowKeys#after}: the first key after every key that starts with a prefix, against a model and its bound. */
class RowKeysAfterTest {

    /** The model: drop the trailing 0xFF bytes, then add one to the last byte left; null when none is left. */
    private static byte[] model(byte[] k) {
        int n = k.length;
        while (n > 0 && k[n - 1] == (byte) 0xff) {
            n--;
        }
        if (n == 0) {
            return null;
        }
        byte[] r = new byte[n];
        System.arraycopy(k, 0, r, 0, n);
        r[n - 1] = (byte) (r[n - 1] + 1);
        return r;
    }

    @Test
    void randomPrefixesMatchTheModelAndBoundTheirExtensions() {
        SplittableRandom rnd = new SplittableRandom(20);
        byte[] pick = {0, 1, 0x7f, (byte) 0x80, (byte) 0xfe, (byte) 0xff, (byte) 0xff};
        for (int round = 0; round < 20_000; round++) {
            byte[] k = new byte[rnd.nextInt(8)];
            for (int i = 0; i < k.length; i++) {
                k[i] = pick[rnd.nextInt(pick.length)];
            }
            byte[] before = k.clone();
            byte[] r = RowKeys.after(k);
            assertArrayEquals(before, k, "the prefix is left as it was");
            byte[] m = model(k);
            if (m == null) {
                assertNull(r, Arrays.toString(k));
                continue;
            }
            assertArrayEquals(m, r, Arrays.toString(k));
            assertTrue(r != k, "a new array, not the prefix itself");
            byte[] ext = Arrays.copyOf(k, k.length + rnd.nextInt(4));
            for (int i = k.length; i < ext.length; i++) {
                ext[i] = (byte) 0xff;
            }
            assertTrue(Arrays.compareUnsigned(ext, r) < 0, "every key with the prefix sorts before the bound");
            assertTrue(Arrays.compareUnsigned(k, r) < 0);
        }
    }

    @Test
    void onlyHighBytesHaveNoBound() {
        assertNull(RowKeys.after(new byte[] {(byte) 0xff, (byte) 0xff}));
        assertNull(RowKeys.after(new byte[0]));
        assertArrayEquals(new byte[] {1, 3}, RowKeys.after(new byte[] {1, 2, (byte) 0xff}));
    }
}
