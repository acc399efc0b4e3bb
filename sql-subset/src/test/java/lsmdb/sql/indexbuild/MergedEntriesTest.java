package lsmdb.sql.indexbuild;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * An index built in parts (key ranges of the table sorted apart) against a model: a TreeMap of the whole entries
 * (column part then primary key) gives the order the merged parts must produce, and whether a value repeats.
 */
class MergedEntriesTest {

    private static byte[] pk(int id) {
        return new byte[] {9, 9, 9, 9, 9, (byte) (id >>> 24), (byte) (id >>> 16), (byte) (id >>> 8), (byte) id};
    }

    @Test
    void partsMergeIntoKeyOrderAsOneSortWould() throws IOException {
        Random r = new Random(11);
        for (int round = 0; round < 200; round++) {
            int rows = r.nextInt(300);
            int distinct = 1 + r.nextInt(round % 3 == 0 ? 400 : 6);
            int partCount = 1 + r.nextInt(4);
            // rows arrive in primary-key order; each part takes one contiguous range of them
            int[] cuts = r.ints(partCount - 1, 0, rows + 1).sorted().toArray();
            List<IndexEntrySorter> parts = new ArrayList<>();
            TreeMap<byte[], Integer> model = new TreeMap<>(Arrays::compareUnsigned);
            int cut = 0;
            IndexEntrySorter part = new IndexEntrySorter();
            parts.add(part);
            int[] valueCounts = new int[distinct];
            boolean nullValue = r.nextBoolean();
            for (int id = 0; id < rows; id++) {
                while (cut < cuts.length && cuts[cut] == id) {
                    part = new IndexEntrySorter();
                    parts.add(part);
                    cut++;
                }
                int v = r.nextInt(distinct);
                valueCounts[v]++;
                // values of two lengths, prefix-free as index column parts are (the length leads)
                int colLength = 2 + v % 2;
                byte[] col = {(byte) colLength, (byte) (v * 37 % 251), (byte) v};
                part.add(part.valueId(col, colLength, nullValue && v == 0), pk(id), 5);
                byte[] whole = new byte[colLength + 4];
                System.arraycopy(col, 0, whole, 0, colLength);
                System.arraycopy(pk(id), 5, whole, colLength, 4);
                model.put(whole, id);
            }
            while (parts.size() < partCount) {
                parts.add(new IndexEntrySorter()); // empty parts (a range without rows)
            }
            for (IndexEntrySorter p : parts) {
                p.sort();
            }
            MergedEntries merged = new MergedEntries(parts);
            List<byte[]> got = new ArrayList<>();
            merged.forEach((p, e) -> {
                byte[] whole = new byte[p.columnsLength(e) + p.suffixLength(e)];
                p.copySuffix(e, whole, p.copyColumns(e, whole, 0));
                got.add(whole);
            });
            // cut in pieces (as parallel writers do), the pieces in turn give the same order
            List<byte[]> pieced = new ArrayList<>();
            int pieces = 1 + r.nextInt(3);
            for (int k = 0; k < pieces; k++) {
                merged.forEach(merged.pieceStart(k, pieces), merged.pieceStart(k + 1, pieces), (p, e) -> {
                    byte[] whole = new byte[p.columnsLength(e) + p.suffixLength(e)];
                    p.copySuffix(e, whole, p.copyColumns(e, whole, 0));
                    pieced.add(whole);
                });
            }
            assertEquals(got.size(), pieced.size(), "round " + round);
            for (int i = 0; i < got.size(); i++) {
                assertArrayEquals(got.get(i), pieced.get(i), "round " + round + " pieced entry " + i);
            }
            List<byte[]> want = new ArrayList<>(model.keySet());
            assertEquals(want.size(), got.size(), "round " + round);
            for (int i = 0; i < want.size(); i++) {
                assertArrayEquals(want.get(i), got.get(i), "round " + round + " entry " + i);
            }
            boolean repeats = false;
            for (int v = 0; v < distinct; v++) {
                repeats |= valueCounts[v] > 1 && !(nullValue && v == 0);
            }
            assertEquals(repeats, merged.hasRepeatedNonNull(), "round " + round);
        }
    }

    @Test
    void midpointLiesBetweenItsEnds() {
        Random r = new Random(3);
        for (int i = 0; i < 2000; i++) {
            byte[] a = new byte[1 + r.nextInt(6)];
            byte[] b = new byte[1 + r.nextInt(6)];
            r.nextBytes(a);
            r.nextBytes(b);
            if (Arrays.compareUnsigned(a, b) > 0) {
                byte[] t = a;
                a = b;
                b = t;
            }
            byte[] m = TableHalves.midpoint(a, b);
            assertTrue(Arrays.compareUnsigned(a, m) <= 0, i + ": below");
            // equal to hi up to trailing zeros at most
            byte[] padded = Arrays.copyOf(b, m.length);
            assertTrue(Arrays.compareUnsigned(m, padded) <= 0, i + ": above");
        }
        // sequential ids split near their middle
        byte[] m = TableHalves.midpoint(pk(0), pk(1_000_000));
        assertEquals(500_000, (m[5] & 0xff) << 24 | (m[6] & 0xff) << 16 | (m[7] & 0xff) << 8 | m[8] & 0xff);
    }
}
