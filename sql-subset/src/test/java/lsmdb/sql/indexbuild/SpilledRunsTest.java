package lsmdb.sql.indexbuild;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The external merge of an index build's spilled runs against a model: every entry, dealt at random to runs that
 * are each sorted, comes out of the merge once and in the order of a TreeMap of all of them, also past the fan-in
 * (merged in two passes); a key in two runs (a unique index's repeated value) stops the merge.
 */
class SpilledRunsTest {

    private static byte[] key(Random r) {
        byte[] k = new byte[1 + r.nextInt(12)];
        r.nextBytes(k);
        k[0] = (byte) r.nextInt(3); // many shared prefixes
        return k;
    }

    private static void writeRuns(SpilledRuns runs, List<TreeMap<byte[], byte[]>> contents) throws IOException {
        for (TreeMap<byte[], byte[]> run : contents) {
            try (SpilledRuns.Writer w = runs.newRun()) {
                for (Map.Entry<byte[], byte[]> e : run.entrySet()) {
                    byte[] padded = new byte[e.getValue().length + 3]; // an offset into a larger buffer
                    System.arraycopy(e.getValue(), 0, padded, 3, e.getValue().length);
                    w.add(e.getKey(), e.getKey().length, padded, 3, e.getValue().length);
                }
            }
        }
    }

    @Test
    void runsMergeIntoKeyOrderAsOneSortWould() throws IOException {
        Random r = new Random(7);
        for (int round = 0; round < 12; round++) {
            int runCount = round == 0 ? 0 : round < 4 ? round : 1 + r.nextInt(SpilledRuns.FAN_IN * 3);
            TreeMap<byte[], byte[]> model = new TreeMap<>(Arrays::compareUnsigned);
            List<TreeMap<byte[], byte[]>> contents = new ArrayList<>();
            for (int i = 0; i < runCount; i++) {
                contents.add(new TreeMap<>(Arrays::compareUnsigned));
            }
            for (int i = 0; runCount > 0 && i < 3000; i++) {
                byte[] k = key(r);
                if (model.containsKey(k)) {
                    continue;
                }
                byte[] v = new byte[r.nextInt(20)];
                r.nextBytes(v);
                model.put(k, v);
                contents.get(r.nextInt(runCount)).put(k, v);
            }
            List<byte[]> keys = new ArrayList<>();
            List<byte[]> values = new ArrayList<>();
            try (SpilledRuns runs = new SpilledRuns()) {
                writeRuns(runs, contents);
                assertEquals(runCount, runs.size());
                assertTrue(runs.mergeInto((k, kl, v, vo, vl) -> {
                    keys.add(Arrays.copyOf(k, kl));
                    values.add(Arrays.copyOfRange(v, vo, vo + vl));
                }));
            }
            assertEquals(model.size(), keys.size(), "round " + round + ", runs " + runCount);
            int i = 0;
            for (Map.Entry<byte[], byte[]> e : model.entrySet()) {
                assertArrayEquals(e.getKey(), keys.get(i), "round " + round + " entry " + i);
                assertArrayEquals(e.getValue(), values.get(i), "round " + round + " entry " + i);
                i++;
            }
        }
    }

    @Test
    void aKeyInTwoRunsStopsTheMergeAtAnyFanIn() throws IOException {
        for (int runCount : new int[] {2, SpilledRuns.FAN_IN + 5}) {
            List<TreeMap<byte[], byte[]>> contents = new ArrayList<>();
            for (int i = 0; i < runCount; i++) {
                TreeMap<byte[], byte[]> run = new TreeMap<>(Arrays::compareUnsigned);
                run.put(new byte[] {1, (byte) i}, new byte[] {2});
                contents.add(run);
            }
            contents.get(runCount - 1).put(new byte[] {1, 0}, new byte[] {3}); // also in the first run
            try (SpilledRuns runs = new SpilledRuns()) {
                writeRuns(runs, contents);
                int[] written = {0};
                assertFalse(runs.mergeInto((k, kl, v, vo, vl) -> written[0]++), "runs " + runCount);
                assertTrue(written[0] <= runCount);
            }
        }
    }
}
