package lsmdb.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A memtable that writes have left is flushed once they stay away (if it holds enough to be worth a table), its
 * rows then read from tables, the same before and after a reopen; a small one stays in memory.
 */
class DbIdleFlushTest {

    @TempDir
    Path tmp;

    private static byte[] key(int i) {
        return String.format("%08d", i).getBytes();
    }

    private static long number(LsmDb db, String property) {
        return Long.parseLong(db.property("lsmdb." + property));
    }

    /** Durable or not: a durable database's next log is the spare its flush thread prepared (a synced switch). */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aMemtableWritesLeftIsFlushedAndItsRowsStayReadable(boolean sync) throws Exception {
        Options options = Options.defaults().withSync(sync).withWriteBufferSize(256 << 10);
        TreeMap<String, byte[]> model = new TreeMap<>();
        Random random = new Random(3);
        Path dir = tmp.resolve("db");
        try (LsmDb db = LsmDb.open(dir, options)) {
            for (int i = 0; i < 1500; i++) { // about 120 KB: over a quarter of the write buffer, under all of it
                int k = random.nextInt(3000);
                byte[] v = new byte[64];
                random.nextBytes(v);
                db.put(key(k), v);
                model.put(new String(key(k)), v);
            }
            String gone = model.firstKey(); // a tombstone flushed with the rows
            db.delete(gone.getBytes());
            model.remove(gone);
            assertEquals(0, number(db, "flush-count"), "the writes alone fill no memtable");
            long memtable = number(db, "memtable-bytes");
            for (int i = 0; i < 400 && number(db, "flush-count") == 0; i++) {
                Thread.sleep(25);
            }
            assertEquals(1, number(db, "idle-flushes"), db.property("lsmdb.stats"));
            assertEquals(1, number(db, "flush-count"), db.property("lsmdb.stats"));
            assertTrue(number(db, "memtable-bytes") < memtable / 10,
                    "the rows left the memtable: " + number(db, "memtable-bytes") + " of " + memtable + " bytes");
            assertTrue(number(db, "total-table-bytes") > 0, db.property("lsmdb.stats"));
            assertMatches(model, db);
            Thread.sleep(1200); // idle again, and nothing new to flush: no empty table is made
            assertEquals(1, number(db, "flush-count"), db.property("lsmdb.stats"));
        }
        try (LsmDb db = LsmDb.open(dir, options)) {
            assertMatches(model, db);
        }
    }

    @Test
    void aSmallMemtableStaysInMemory() throws Exception {
        Options options = Options.defaults().withSync(false).withWriteBufferSize(1 << 20);
        try (LsmDb db = LsmDb.open(tmp.resolve("small"), options)) {
            for (int i = 0; i < 100; i++) { // a few KB: under a quarter of the write buffer
                db.put(key(i), ("v" + i).getBytes());
            }
            Thread.sleep(1500); // three times the idle time
            assertEquals(0, number(db, "idle-flushes"), db.property("lsmdb.stats"));
            assertEquals(0, number(db, "flush-count"), db.property("lsmdb.stats"));
            assertArrayEquals("v42".getBytes(), db.get(key(42)));
        }
    }

    private static void assertMatches(TreeMap<String, byte[]> model, LsmDb db) throws Exception {
        for (Map.Entry<String, byte[]> e : model.entrySet()) {
            assertArrayEquals(e.getValue(), db.get(e.getKey().getBytes()), e.getKey());
        }
        DbIdleCompactionTest.checkAgainst(db, model);
    }
}
