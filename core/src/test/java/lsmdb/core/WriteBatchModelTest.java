package lsmdb.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random batches mixing copied and handed-over records, sized for fewer, as many or more records than they get:
 * reading a batch back (directly, and from its log encoding) gives the records in the order they were added.
 */
class WriteBatchModelTest {

    /** A record as text, so that records compare by content. */
    private static String rec(char kind, byte[] key, byte[] value) {
        HexFormat hex = HexFormat.of();
        return kind + hex.formatHex(key) + (value == null ? "" : "=" + hex.formatHex(value));
    }

    @Test
    void recordsReadBackAsAddedWhateverTheSizeHint() {
        Random rnd = new Random(18);
        for (int round = 0; round < 500; round++) {
            int n = rnd.nextInt(40);
            int hint = rnd.nextInt(3) == 0 ? 0 : rnd.nextInt(2 * n + 2);
            WriteBatch b = rnd.nextBoolean() ? new WriteBatch(rnd.nextInt(500), hint) : new WriteBatch(rnd.nextInt(500));
            checkRound(b, rnd, n, rnd.nextInt(3) == 0, round);
        }
    }

    /** One batch cleared and filled again (as a session reuses its statement batch): only the new records read back. */
    @Test
    void aClearedBatchReadsBackOnlyItsNewRecords() {
        Random rnd = new Random(23);
        WriteBatch b = new WriteBatch(rnd.nextInt(300), 1);
        for (int round = 0; round < 500; round++) {
            int n = rnd.nextInt(10) == 0 ? rnd.nextInt(100) : rnd.nextInt(3);
            checkRound(b, rnd, n, rnd.nextInt(4) == 0, round);
            b.clear();
            assertEquals(0, b.count());
            assertEquals(List.of(), read(b::forEach), "cleared, round " + round);
        }
    }

    /** Adds {@code n} random records to {@code b} and checks them read back, directly and from the log encoding. */
    private static void checkRound(WriteBatch b, Random rnd, int n, boolean mixCopies, int round) {
        List<String> model = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] key = bytes(rnd, 1 + rnd.nextInt(20));
            boolean copy = mixCopies && rnd.nextInt(4) == 0;
            if (rnd.nextInt(4) == 0) {
                if (copy) {
                    b.delete(key);
                } else {
                    b.deleteOwned(key);
                }
                model.add(rec('D', key, null));
            } else {
                byte[] value = bytes(rnd, rnd.nextInt(200));
                if (copy) {
                    b.put(key, value);
                } else {
                    b.putOwned(key, value);
                }
                model.add(rec('P', key, value));
            }
        }
        assertEquals(n, b.count());
        assertEquals(model, read(b::forEach), "round " + round);
        byte[] log = b.sealed(1000 + round);
        assertEquals(model, read(h -> WriteBatch.forEachRecord(log, 0, b.encodedSize(), h)), "round " + round);
    }

    private interface Source {
        void feed(WriteBatch.Handler h);
    }

    private static List<String> read(Source s) {
        List<String> out = new ArrayList<>();
        s.feed(new WriteBatch.Handler() {
            @Override
            public void put(byte[] key, byte[] value) {
                out.add(rec('P', key, value));
            }

            @Override
            public void delete(byte[] key) {
                out.add(rec('D', key, null));
            }
        });
        return out;
    }

    private static byte[] bytes(Random rnd, int n) {
        byte[] b = new byte[n];
        rnd.nextBytes(b);
        return b;
    }
}
