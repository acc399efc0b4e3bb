package lsmdb.core.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class InternalKeyCompareTest {

    /** The order by definition: user keys ascending (unsigned bytes), then sequence and kind descending. */
    private static int reference(byte[] a, byte[] b) {
        byte[] ua = Arrays.copyOf(a, a.length - InternalKey.TRAILER_SIZE);
        byte[] ub = Arrays.copyOf(b, b.length - InternalKey.TRAILER_SIZE);
        int c = Arrays.compareUnsigned(ua, ub);
        if (c != 0) {
            return c;
        }
        return Long.compareUnsigned(InternalKey.trailer(b, 0, b.length), InternalKey.trailer(a, 0, a.length));
    }

    @Test
    void compareMatchesTheDefinitionIncludingEqualUserKeysAndSlices() {
        Random r = new Random(5);
        for (int i = 0; i < 50_000; i++) {
            byte[] ua = new byte[r.nextInt(4)];
            r.nextBytes(ua);
            byte[] ub = r.nextInt(3) == 0 ? ua.clone() : new byte[r.nextInt(4)];
            if (ub != ua && r.nextBoolean()) {
                r.nextBytes(ub);
            }
            long sa = r.nextInt(3) == 0 ? InternalKey.MAX_SEQUENCE - r.nextInt(2) : r.nextInt(4);
            long sb = r.nextInt(3) == 0 ? sa : r.nextInt(4);
            byte[] a = InternalKey.encode(ua, sa, (byte) r.nextInt(2));
            byte[] b = InternalKey.encode(ub, sb, (byte) r.nextInt(2));
            int want = Integer.signum(reference(a, b));
            assertEquals(want, Integer.signum(InternalKey.compare(a, b)), () -> Arrays.toString(a) + " vs " + Arrays.toString(b));
            byte[] pa = new byte[a.length + 3];
            System.arraycopy(a, 0, pa, 2, a.length);
            assertEquals(want, Integer.signum(InternalKey.compare(pa, 2, a.length, b, 0, b.length)));
        }
    }
}
