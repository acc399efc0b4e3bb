package lsmdb.core;

import static lsmdb.core.TestData.b;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * First committer wins under concurrency: threads increment shared counters by read-at-snapshot then
 * conflict-checked write, retrying on conflict. Conflict-checked writes share group commits, so this also checks
 * that two members of one group writing the same key cannot both succeed: no increment is ever lost.
 */
class DbConflictTest {

    @TempDir
    Path tmp;

    /** Writes {@code key} against {@code mark}; whether it lost to a conflict. */
    private static boolean lostAgainstMark(LsmDb db, String key, long mark) throws Exception {
        try {
            db.write(new WriteBatch().put(b(key), b("mine")), false, mark);
            return false;
        } catch (WriteConflictException expected) {
            return true;
        }
    }

    @Test
    void aWriteAgainstAMarkLosesToAPutAfterTheMarkWhereverThatPutNowLies() throws Exception {
        Options small = Options.defaults().withSync(false).withWriteBufferSize(8 << 10).withTargetFileSize(8 << 10)
                .withMaxBytesForLevelBase(16 << 10);
        try (LsmDb db = LsmDb.open(tmp.resolve("db"), small)) {
            for (int i = 0; i < 2000; i++) {
                db.put(b(String.format("old%05d", i)), b("filler filler filler"));
            }
            long mark = db.lastSequence();
            db.put(b("memtable"), b("theirs"));
            db.put(b("flushed"), b("theirs"));
            db.put(b("compacted"), b("theirs"));
            db.put(b("gone"), b("theirs"));
            db.delete(b("gone"));
            db.put(b("late"), b("theirs"));
            long later = db.lastSequence();
            db.flush();
            db.compactRange(null, null); // no snapshot: compaction keeps nothing for the mark
            db.put(b("memtable"), b("theirs again"));
            assertEquals("0", db.property("lsmdb.live-snapshots"));
            assertTrue(lostAgainstMark(db, "memtable", mark));
            assertTrue(lostAgainstMark(db, "flushed", mark));
            assertTrue(lostAgainstMark(db, "compacted", mark));
            assertTrue(lostAgainstMark(db, "late", mark));
            // Put and deleted after the mark: compaction may have left no version of it, and then the key is
            // written as if never written; it never keeps anyone's value but the winner's.
            boolean goneLost = lostAgainstMark(db, "gone", mark);
            assertEquals(goneLost ? null : "mine", TestData.s(db.get(b("gone"))));
            assertFalse(lostAgainstMark(db, "never", mark));
            assertFalse(lostAgainstMark(db, "compacted", later));
            assertEquals("mine", TestData.s(db.get(b("never"))));
            assertEquals("mine", TestData.s(db.get(b("compacted"))));
            assertEquals("theirs", TestData.s(db.get(b("flushed"))));
            assertEquals("theirs again", TestData.s(db.get(b("memtable"))));
        }
    }

    @Test
    void aNegativeMarkStillChecks() throws Exception {
        // The commit path passes a mark as a plain long with a reserved "unchecked" value; no mark may reach it.
        try (LsmDb db = LsmDb.open(tmp.resolve("db"), Options.defaults().withSync(false))) {
            db.put(b("taken"), b("theirs"));
            for (long mark : new long[] {-1, -2, Long.MIN_VALUE, Long.MIN_VALUE + 1}) {
                assertTrue(lostAgainstMark(db, "taken", mark), "mark " + mark);
                assertFalse(lostAgainstMark(db, "new" + mark, mark), "mark " + mark);
            }
            assertEquals("theirs", TestData.s(db.get(b("taken"))));
            assertEquals("mine", TestData.s(db.get(b("new" + Long.MIN_VALUE))));
        }
    }

    @Test
    void aConflictFoundDoesNotCarryOverToTheNextCheckedWrite() throws Exception {
        try (LsmDb db = LsmDb.open(tmp.resolve("db"), Options.defaults())) {
            try (Snapshot s = db.snapshot()) {
                db.put(b("taken"), b("1"));
                try {
                    db.write(new WriteBatch().put(b("taken"), b("2")), false, s);
                    throw new AssertionError("a write of a key changed after the snapshot committed");
                } catch (WriteConflictException expected) {
                    // first committer wins
                }
                db.write(new WriteBatch().put(b("free"), b("3")), false, s);
            }
            assertEquals("1", new String(db.get(b("taken"))));
            assertEquals("3", new String(db.get(b("free"))));
        }
    }

    @Test
    void aRangeDeleteAppliesOnlyToItsOwnGroup() throws Exception {
        try (LsmDb db = LsmDb.open(tmp.resolve("db"), Options.defaults())) {
            db.put(b("b"), b("old"));
            db.deleteRange(b("a"), b("c"));
            assertNull(db.get(b("b")));
            db.put(b("b"), b("new"));
            db.write(new WriteBatch().put(b("bb"), b("x")));
            assertEquals("new", new String(db.get(b("b"))));
            assertEquals("x", new String(db.get(b("bb"))));
        }
    }

    @Test
    void concurrentIncrementsLoseNothing() throws Exception {
        try (LsmDb db = LsmDb.open(tmp.resolve("db"), Options.defaults().withSync(true))) {
            int counters = 3;
            for (int c = 0; c < counters; c++) {
                db.put(b("counter" + c), b("0"));
            }
            AtomicLong committed = new AtomicLong();
            AtomicLong conflicts = new AtomicLong();
            ExecutorService pool = Executors.newFixedThreadPool(6);
            List<Future<?>> tasks = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                int thread = t;
                tasks.add(pool.submit(() -> {
                    for (int i = 0; i < 150; i++) {
                        byte[] key = b("counter" + ((thread + i) % counters));
                        for (;;) {
                            try (Snapshot s = db.snapshot()) {
                                long v = Long.parseLong(new String(db.get(key, s)));
                                try {
                                    db.write(new WriteBatch().put(key, b(Long.toString(v + 1))), true, s);
                                    committed.incrementAndGet();
                                    break;
                                } catch (WriteConflictException e) {
                                    conflicts.incrementAndGet();
                                }
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : tasks) {
                f.get();
            }
            pool.shutdown();
            long total = 0;
            for (int c = 0; c < counters; c++) {
                total += Long.parseLong(new String(db.get(b("counter" + c))));
            }
            assertEquals(6 * 150, committed.get());
            assertEquals(committed.get(), total, "every committed increment counted once (" + conflicts.get()
                    + " conflicts retried)");
            assertTrue(Long.parseLong(db.property("lsmdb.write-groups"))
                    <= Long.parseLong(db.property("lsmdb.write-batches")));
        }
    }

    /**
     * One writer, a model of when each key was last written: a conflict-checked write fails exactly when one of its
     * keys was written after its snapshot, whether that write sits in the memtable, the frozen one or a table (small
     * buffers switch memtables often; some rounds flush). A failed write changes nothing.
     */
    @Test
    void conflictChecksMatchAModelOfLastWrites() throws Exception {
        Random rnd = new Random(17);
        try (LsmDb db = LsmDb.open(tmp.resolve("db"), Options.defaults().withWriteBufferSize(16 << 10))) {
            Map<String, Long> lastWrite = new HashMap<>(); // key -> the step that last wrote it
            Map<String, String> values = new HashMap<>();
            List<Snapshot> snapshots = new ArrayList<>();
            List<Long> snapshotSteps = new ArrayList<>();
            int conflicts = 0;
            int accepted = 0;
            for (long step = 1; step <= 4000; step++) {
                int op = rnd.nextInt(10);
                if (op == 0 || snapshots.isEmpty()) {
                    snapshots.add(db.snapshot());
                    snapshotSteps.add(step);
                    if (snapshots.size() > 6) {
                        snapshots.remove(0).close();
                        snapshotSteps.remove(0);
                    }
                } else if (op == 1 && rnd.nextInt(20) == 0) {
                    db.flush();
                } else if (op < 5) {
                    String k = "k" + rnd.nextInt(60);
                    String v = "p" + step + "-" + "x".repeat(rnd.nextInt(200));
                    db.put(b(k), b(v));
                    lastWrite.put(k, step);
                    values.put(k, v);
                } else {
                    int which = rnd.nextInt(snapshots.size());
                    long since = snapshotSteps.get(which);
                    WriteBatch batch = new WriteBatch();
                    List<String> keys = new ArrayList<>();
                    boolean expectConflict = false;
                    for (int n = 1 + rnd.nextInt(3); n > 0; n--) {
                        String k = "k" + rnd.nextInt(60);
                        keys.add(k);
                        batch.put(b(k), b("c" + step));
                        expectConflict |= lastWrite.getOrDefault(k, 0L) > since;
                    }
                    boolean conflict = false;
                    try {
                        db.write(batch, false, snapshots.get(which));
                    } catch (WriteConflictException e) {
                        conflict = true;
                    }
                    assertEquals(expectConflict, conflict, "step " + step + " keys " + keys + " since step " + since);
                    if (conflict) {
                        conflicts++;
                    } else {
                        accepted++;
                        for (String k : keys) {
                            lastWrite.put(k, step);
                            values.put(k, "c" + step);
                        }
                    }
                }
            }
            for (Snapshot s : snapshots) {
                s.close();
            }
            for (int i = 0; i < 60; i++) {
                String v = values.get("k" + i);
                byte[] got = db.get(b("k" + i));
                if (v == null) {
                    assertNull(got);
                } else {
                    assertEquals(v, new String(got), "k" + i);
                }
            }
            assertTrue(conflicts > 100 && accepted > 100, conflicts + " conflicts, " + accepted + " accepted");
        }
    }
}
