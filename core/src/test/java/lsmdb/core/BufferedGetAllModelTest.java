package lsmdb.core;

import static lsmdb.core.TestData.b;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link LsmDb#getAll(byte[][], int, Snapshot, byte[][], int[], byte[][])}, the multi-get into a caller's reused
 * buffers, against a TreeMap and {@link LsmDb#get}: through flushes, compactions (tables closed and deleted) and a
 * block cache too small to keep anything; values already handed out stay what they were read as while the tables
 * they came from are evicted, compacted away and closed, until the buffers are passed again.
 */
class BufferedGetAllModelTest {

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void bufferedGetAllMatchesTheModelAndGet(long seed) throws Exception {
        Random r = new Random(seed);
        TreeMap<String, String> model = TestData.model();
        byte[][] buffers = new byte[64][]; // one caller's, reused by every call as an index scan's batch reuses them
        for (int i = 0; i < buffers.length; i++) {
            buffers[i] = i % 3 == 0 ? null : new byte[r.nextInt(3) == 0 ? 1 : 300]; // too small, or roomy
        }
        int keySpace = 800;
        try (LsmDb db = LsmDb.open(tmp.resolve("db"), DbModelTest.smallOptions().withBlockCacheSize(2 << 10))) {
            for (int step = 0; step < 5000; step++) {
                int op = r.nextInt(100);
                if (op < 45) {
                    RandomWrites.put(db, model, r, keySpace, 150);
                } else if (op < 55) {
                    RandomWrites.delete(db, model, r, keySpace);
                } else if (op < 57) {
                    db.flush();
                } else if (op < 58) {
                    db.compactRange(null, null);
                } else {
                    check(db, model, r, keySpace, buffers, "at step " + step);
                }
            }
        }
    }

    /** A multi-get of random keys, checked; then checked again after the tables it read are compacted away. */
    private static void check(LsmDb db, TreeMap<String, String> model, Random r, int keySpace, byte[][] buffers,
                              String when) throws Exception {
        int n = 1 + r.nextInt(buffers.length);
        String[] keys = RandomWrites.keysWithRepeats(r, n, keySpace);
        byte[][] ks = RandomWrites.bytes(keys);
        byte[][] values = new byte[n][];
        int[] lengths = new int[n];
        java.util.Arrays.fill(values, new byte[] {'x'}); // stale contents must be overwritten, with null if absent
        java.util.Arrays.fill(lengths, 99);
        db.getAll(ks, n, null, values, lengths, buffers);
        String[] read = new String[n];
        for (int i = 0; i < n; i++) {
            String expected = model.get(keys[i]);
            if (expected == null) {
                assertNull(values[i], "getAll " + keys[i] + " " + when);
                continue;
            }
            read[i] = new String(values[i], 0, lengths[i], StandardCharsets.UTF_8);
            assertEquals(expected, read[i], "getAll " + keys[i] + " " + when);
            assertEquals(expected, TestData.s(db.get(ks[i])), "get " + keys[i] + " " + when);
        }
        if (r.nextInt(10) == 0) {
            // the tables read are compacted into new ones and closed, and other reads churn the tiny cache: what
            // was handed out must not change (it would if a value were a view of a block)
            db.flush();
            db.compactRange(null, null);
            for (int j = 0; j < 50; j++) {
                db.get(b(TestData.key(r, keySpace)));
            }
            for (int i = 0; i < n; i++) {
                if (read[i] != null) {
                    assertEquals(read[i], new String(values[i], 0, lengths[i], StandardCharsets.UTF_8),
                            "value of " + keys[i] + " held across a compaction " + when);
                }
            }
        }
    }

    /**
     * Values read from mapped tables' blocks go into the caller's buffers when they fit, and into arrays left there
     * when not. (A block not yet made is searched the way a single get searches it, which hands out its own array: a
     * first multi-get makes the blocks.)
     */
    @Test
    void tableValuesGoIntoTheCallersBuffers() throws Exception {
        Random r = new Random(5);
        int n = 60;
        String[] expected = new String[n];
        byte[][] ks = new byte[n][];
        try (LsmDb db = LsmDb.open(tmp.resolve("db2"), DbModelTest.smallOptions())) {
            for (int i = 0; i < n; i++) {
                ks[i] = b(String.format("key%05d", i * 7));
                expected[i] = TestData.value(r, 100) + i;
                db.put(ks[i], b(expected[i]));
            }
            db.flush();
            db.compactRange(null, null); // every value now in a table, none in a memtable
            db.getAll(ks, n, null, new byte[n][]); // makes the blocks
            byte[][] buffers = new byte[n][];
            for (int i = 0; i < n; i++) {
                buffers[i] = new byte[i % 2 == 0 ? 200 : 1];
            }
            byte[][] roomy = buffers.clone();
            byte[][] values = new byte[n][];
            int[] lengths = new int[n];
            db.getAll(ks, n, null, values, lengths, buffers);
            for (int i = 0; i < n; i++) {
                assertEquals(expected[i], new String(values[i], 0, lengths[i], StandardCharsets.UTF_8), "key " + i);
                assertSame(buffers[i], values[i], "key " + i + "'s value is in the buffer left for the next call");
                if (i % 2 == 0) {
                    assertSame(roomy[i], buffers[i], "a roomy buffer is used, not replaced");
                } else {
                    assertTrue(buffers[i].length >= lengths[i], "a grown buffer holds the value");
                }
            }
        }
    }
}
