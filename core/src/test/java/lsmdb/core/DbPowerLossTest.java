package lsmdb.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import lsmdb.core.io.FaultInjectingFileSystem;
import lsmdb.core.io.MemFileSystem;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Power loss through the fault-injecting file layer: at a random moment every file loses what was not fsynced (and
 * unsynced directory changes are undone). The reopened database must hold exactly a prefix of the acknowledged
 * batches, at least up to the last one acknowledged with sync. Also: injected write/fsync failures and a full disk
 * stop writes without losing what was acknowledged, and a failure in the middle of a compaction loses nothing.
 */
class DbPowerLossTest {

    private static final Path DIR = Path.of("/db");

    static byte[] key(long i) {
        return TestData.b(String.format("key-%08d", i));
    }

    static byte[] value(long i) {
        return TestData.b("v" + i + "-" + "x".repeat((int) (i % 50)));
    }

    private static Options options(FaultInjectingFileSystem fs) {
        return Options.defaults().withFileSystem(fs).withWriteBufferSize(16 << 10).withTargetFileSize(16 << 10)
                .withMaxBytesForLevelBase(64 << 10).withBlockSize(1024);
    }

    /** Keys 0..n-1 present with their values, nothing else; returns n. */
    private static long verifyPrefix(LsmDb db) {
        long n = 0;
        try (LsmIterator it = db.iterator()) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                assertArrayEquals(key(n), it.key(), "keys present must be a prefix of the keys written");
                assertArrayEquals(value(n), it.value());
                n++;
            }
        }
        return n;
    }

    /** syncWal makes the unsynced writes before it durable: all of them survive, across log switches too. */
    @ParameterizedTest
    @ValueSource(ints = {10, 3_000})
    void syncWalMakesEveryEarlierWriteDurable(int writes) throws Exception {
        FaultInjectingFileSystem fs = new FaultInjectingFileSystem(new MemFileSystem());
        LsmDb db = LsmDb.open(DIR, options(fs).withSync(false));
        for (long i = 0; i < writes; i++) {
            db.put(key(i), value(i));
        }
        db.syncWal();
        for (long i = writes; i < writes + 20; i++) {
            db.put(key(i), value(i)); // unsynced again: a prefix of these may be lost
        }
        PowerLoss.cut(fs, db);
        try (LsmDb reopened = LsmDb.open(DIR, options(fs).withSync(false))) {
            long present = verifyPrefix(reopened);
            assertTrue(present >= writes, "syncWal after " + writes + " writes, but " + present + " survived");
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void survivorsAreAPrefixOfAcknowledgedWritesAndIncludeEverySyncedOne(long seed) throws Exception {
        Random r = new Random(seed);
        FaultInjectingFileSystem fs = new FaultInjectingFileSystem(new MemFileSystem());
        long next = 0;
        for (int round = 0; round < 6; round++) {
            LsmDb db = LsmDb.open(DIR, options(fs).withSync(false));
            long present = verifyPrefix(db);
            assertTrue(present >= next, "round " + round + ": synced writes up to " + next + " but " + present + " survived");
            long i = present;
            long lastSynced = present;
            int batches = 50 + r.nextInt(400);
            for (int b = 0; b < batches; b++) {
                WriteBatch batch = new WriteBatch();
                int n = 1 + r.nextInt(8);
                for (int k = 0; k < n; k++, i++) {
                    batch.put(key(i), value(i));
                }
                boolean sync = r.nextInt(10) == 0;
                db.write(batch, sync);
                if (sync) {
                    lastSynced = i;
                }
            }
            PowerLoss.cut(fs, db);
            next = lastSynced;
        }
        try (LsmDb db = LsmDb.open(DIR, options(fs))) {
            assertTrue(verifyPrefix(db) >= next);
        }
    }

    @Test
    void syncedWritesSurviveEvenWhenEverythingUnsyncedIsLost() throws Exception {
        FaultInjectingFileSystem fs = new FaultInjectingFileSystem(new MemFileSystem());
        LsmDb db = LsmDb.open(DIR, options(fs).withSync(true));
        for (long i = 0; i < 3000; i++) {
            db.put(key(i), value(i));
        }
        PowerLoss.cut(fs, db);
        try (LsmDb reopened = LsmDb.open(DIR, options(fs))) {
            assertEquals(3000, verifyPrefix(reopened));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 5, 40, 200})
    void failedWritesAreRefusedUntilReopenAndLoseNothingAcknowledged(int failAfter) throws Exception {
        FaultInjectingFileSystem fs = new FaultInjectingFileSystem(new MemFileSystem());
        LsmDb db = LsmDb.open(DIR, options(fs).withSync(true));
        long acknowledged = 0;
        fs.failSyncsAfter(failAfter);
        try {
            for (long i = 0; i < 5000; i++) {
                db.put(key(i), value(i));
                acknowledged = i + 1;
            }
        } catch (IOException expected) {
            // the injected fsync failure
        }
        assertTrue(acknowledged < 5000, "the injected failure must have stopped the writes");
        long stopped = acknowledged;
        assertThrows(IOException.class, () -> db.put(key(stopped), value(stopped)), "writes stay refused");
        assertArrayEquals(value(0), acknowledged > 0 ? db.get(key(0)) : value(0), "reads keep working");
        fs.reset();
        db.close();
        try (LsmDb reopened = LsmDb.open(DIR, options(fs))) {
            long present = verifyPrefix(reopened);
            assertTrue(present >= acknowledged, acknowledged + " acknowledged, " + present + " present");
            reopened.put(key(present), value(present));
            assertEquals(present + 1, verifyPrefix(reopened), "writes work again after reopen");
        }
    }

    @Test
    void fullDiskStopsWritesCleanly() throws Exception {
        FaultInjectingFileSystem fs = new FaultInjectingFileSystem(new MemFileSystem());
        LsmDb db = LsmDb.open(DIR, options(fs).withSync(false));
        for (long i = 0; i < 500; i++) {
            db.put(key(i), value(i));
        }
        fs.setDiskFull(true);
        IOException e = assertThrows(IOException.class, () -> {
            for (long i = 500; i < 100_000; i++) {
                db.put(key(i), value(i));
            }
        });
        assertTrue(e.getMessage() != null && !e.getMessage().isEmpty());
        fs.setDiskFull(false);
        fs.reset();
        db.close();
        try (LsmDb reopened = LsmDb.open(DIR, options(fs))) {
            assertTrue(verifyPrefix(reopened) >= 500);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 10, 30})
    void failureInTheMiddleOfACompactionLosesNothing(int failAfter) throws Exception {
        FaultInjectingFileSystem fs = new FaultInjectingFileSystem(new MemFileSystem());
        long written;
        try (LsmDb db = LsmDb.open(DIR, options(fs).withSync(false))) {
            for (written = 0; written < 20_000; written++) {
                db.put(key(written), value(written));
            }
            db.flush();
            fs.failWritesAfter(failAfter);
            assertThrows(IOException.class, () -> db.compactRange(null, null));
            fs.reset();
        }
        try (LsmDb db = LsmDb.open(DIR, options(fs))) {
            assertEquals(written, verifyPrefix(db));
            db.compactRange(null, null);
            assertEquals(written, verifyPrefix(db));
        }
    }
}
