package lsmdb.replication;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import lsmdb.core.LsmDb;
import lsmdb.core.Options;
import lsmdb.core.Snapshot;
import lsmdb.core.WriteBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineApplierTest {

    @TempDir
    Path dir;

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static EngineApplier open(Path p) throws IOException {
        LsmDb db = LsmDb.open(p, Options.defaults().withSync(false));
        return new EngineApplier(db, db.routeCommits((batch, sync, snap) -> {
            throw new AssertionError("the applier writes through its local writer only");
        }));
    }

    @Test
    void laterWriterOfAKeyReadAtAnOlderIndexLosesOnEveryNode() throws IOException {
        List<TxnEntry> log = List.of(
                TxnEntry.of("n1", TxnEntry.BLIND, new WriteBatch().put(b("a"), b("0"))),
                TxnEntry.of("n1", 1, new WriteBatch().put(b("a"), b("first"))),   // read at 1: wins
                TxnEntry.of("n2", 1, new WriteBatch().put(b("a"), b("second"))),  // read at 1 too: loses
                TxnEntry.of("n2", 2, new WriteBatch().put(b("b"), b("x"))),       // other key: wins
                TxnEntry.of("n3", 3, new WriteBatch().put(b("a"), b("third"))));  // read after 2 (3 aborted): wins
        List<ApplyResult.Status> expected = List.of(ApplyResult.Status.COMMITTED, ApplyResult.Status.COMMITTED,
                ApplyResult.Status.CONFLICT, ApplyResult.Status.COMMITTED, ApplyResult.Status.COMMITTED);
        List<byte[]> digests = new ArrayList<>();
        for (String node : new String[] {"x", "y"}) {
            {
                EngineApplier a = open(dir.resolve(node));
                for (int i = 0; i < log.size(); i++) {
                    assertEquals(expected.get(i), a.apply(1, i + 1, log.get(i)).status(), "entry " + (i + 1));
                }
                assertArrayEquals(b("third"), a.engine().get(b("a")));
                digests.add(Digest.of(a.engine()));
                a.engine().close();
            }
        }
        assertArrayEquals(digests.get(0), digests.get(1));
    }

    @Test
    void rangeDeleteAfterTheSnapshotIsAConflict() throws IOException {
        EngineApplier a = open(dir.resolve("r"));
        a.apply(1, 1, TxnEntry.of("n1", TxnEntry.BLIND, new WriteBatch().put(b("k5"), b("v"))));
        a.apply(1, 2, TxnEntry.of("n1", TxnEntry.BLIND, new WriteBatch().deleteRange(b("k"), b("l"))));
        assertEquals(ApplyResult.Status.CONFLICT,
                a.apply(1, 3, TxnEntry.of("n2", 1, new WriteBatch().put(b("k5"), b("late")))).status());
        assertNull(a.engine().get(b("k5")));
        assertEquals(ApplyResult.Status.COMMITTED,
                a.apply(1, 4, TxnEntry.of("n2", 3, new WriteBatch().put(b("k5"), b("new")))).status());
        a.engine().close();
    }

    @Test
    void replayAfterReopenIsSkippedAndTheAppliedIndexSurvives() throws IOException {
        EngineApplier a = open(dir.resolve("p"));
        a.apply(2, 7, TxnEntry.of("n1", TxnEntry.BLIND, new WriteBatch().put(b("a"), b("1"))));
        a.engine().close();
        EngineApplier again = open(dir.resolve("p"));
        assertEquals(7, again.appliedIndex());
        assertEquals(2, again.appliedTerm());
        assertEquals(ApplyResult.Status.ALREADY_APPLIED,
                again.apply(2, 7, TxnEntry.of("n1", TxnEntry.BLIND, new WriteBatch().put(b("a"), b("2")))).status());
        assertArrayEquals(b("1"), again.engine().get(b("a")));
        again.engine().close();
    }

    @Test
    void aLocalSnapshotPlacesAtTheLastIndexAppliedBeforeIt() throws IOException {
        EngineApplier a = open(dir.resolve("s"));
        a.apply(1, 1, TxnEntry.of("n1", TxnEntry.BLIND, new WriteBatch().put(b("a"), b("1"))));
        a.apply(1, 2, TxnEntry.of("n1", TxnEntry.BLIND, new WriteBatch().put(b("b"), b("1"))));
        try (Snapshot s = a.engine().snapshot()) {
            a.apply(1, 3, TxnEntry.of("n1", TxnEntry.BLIND, new WriteBatch().put(b("c"), b("1"))));
            assertEquals(2, a.snapshotIndexOf(s));
        }
        a.engine().close();
    }

    @Test
    void entriesSurviveEncoding() throws IOException {
        Random r = new Random(7);
        WriteBatch batch = new WriteBatch();
        for (int i = 0; i < 50; i++) {
            byte[] k = new byte[r.nextInt(20)];
            r.nextBytes(k);
            switch (i % 3) {
                case 0 -> batch.put(k, b("v" + i));
                case 1 -> batch.delete(k);
                default -> batch.deleteRange(k, b("zz"));
            }
        }
        TxnEntry e = TxnEntry.of("node-1", 42, batch);
        TxnEntry back = TxnEntry.decode(e.encode());
        assertEquals("node-1", back.origin());
        assertEquals(42, back.snapshotIndex());
        assertArrayEquals(e.encode(), back.encode());
    }

    @Test
    void recordsOlderThanTheHorizonArePrunedAndSnapshotsOlderThanItLose() throws IOException {
        LsmDb db = LsmDb.open(dir.resolve("h"), Options.defaults().withSync(false));
        EngineApplier a = new EngineApplier(db, db.routeCommits((batch, sync, snap) -> {
            throw new AssertionError();
        }), 10, 5);
        a.apply(1, 1, TxnEntry.of("n1", TxnEntry.BLIND, new WriteBatch().put(b("gone"), b("v"))));
        a.apply(1, 2, TxnEntry.of("n1", 1, new WriteBatch().delete(b("gone"))));
        a.apply(1, 3, TxnEntry.of("n1", TxnEntry.BLIND, new WriteBatch().deleteRange(b("x"), b("y"))));
        assertEquals(2, metaRecords(db)); // "gone" (last written by entry 2) and the range delete of entry 3
        for (long i = 4; i <= 15; i++) {
            a.apply(1, i, TxnEntry.of("n1", TxnEntry.BLIND, new WriteBatch().put(b("k"), b("v" + i))));
        }
        // Entry 15 pruned what is older than 5: the records of entries 2 and 3; k's (index 15) stays.
        assertEquals(1, metaRecords(db));
        assertEquals(ApplyResult.Status.CONFLICT,
                a.apply(1, 16, TxnEntry.of("n2", 5, new WriteBatch().put(b("other"), b("v")))).status());
        assertEquals(ApplyResult.Status.COMMITTED,
                a.apply(1, 17, TxnEntry.of("n2", 7, new WriteBatch().put(b("other"), b("v")))).status());
        db.close();
    }

    @Test
    void aKeyWrittenByTheEntryThatPrunesKeepsItsNewRecord() throws IOException {
        LsmDb db = LsmDb.open(dir.resolve("q"), Options.defaults().withSync(false));
        EngineApplier a = new EngineApplier(db, db.routeCommits((batch, sync, snap) -> {
            throw new AssertionError();
        }), 2, 5);
        a.apply(1, 1, TxnEntry.of("n1", TxnEntry.BLIND, new WriteBatch().put(b("k"), b("1"))));
        for (long i = 2; i <= 4; i++) {
            a.apply(1, i, TxnEntry.of("n1", TxnEntry.BLIND, new WriteBatch().put(b("other"), b("" + i))));
        }
        // Entry 5 prunes records older than 3 (k's, from entry 1) and writes k itself.
        a.apply(1, 5, TxnEntry.of("n1", TxnEntry.BLIND, new WriteBatch().put(b("k"), b("5"))));
        assertEquals(ApplyResult.Status.CONFLICT,
                a.apply(1, 6, TxnEntry.of("n2", 4, new WriteBatch().put(b("k"), b("late")))).status());
        assertArrayEquals(b("5"), db.get(b("k")));
        db.close();
    }

    /** Last-writer and range records (the applied index excluded). */
    private static int metaRecords(LsmDb db) {
        int n = 0;
        try (lsmdb.core.LsmIterator it = db.iterator(null, new byte[] {(byte) 0xFF, 'R', 'B'},
                new byte[] {(byte) 0xFF, 'R', 'X'})) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                n++;
            }
        }
        return n;
    }
}
