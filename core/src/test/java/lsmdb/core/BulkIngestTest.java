package lsmdb.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import lsmdb.core.io.FaultInjectingFileSystem;
import lsmdb.core.io.MemFileSystem;
import org.junit.jupiter.api.Test;

/** Bulk ingest against a TreeMap model: visibility, snapshots, reopen, compaction, failure and power loss. */
class BulkIngestTest {

    private static final Path DIR = Path.of("/db");

    private static Options options(FaultInjectingFileSystem fs) {
        return Options.defaults().withFileSystem(fs).withWriteBufferSize(64 << 10).withTargetFileSize(32 << 10);
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static TreeMap<byte[], byte[]> model() {
        return new TreeMap<>(Arrays::compareUnsigned);
    }

    private static void assertSame(TreeMap<byte[], byte[]> model, LsmDb db, Snapshot snap) {
        TreeMap<byte[], byte[]> actual = model();
        try (LsmIterator it = snap == null ? db.iterator() : db.iterator(snap)) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                actual.put(it.key(), it.value());
            }
        }
        assertEquals(model.size(), actual.size(), "entry count");
        var a = actual.entrySet().iterator();
        for (Map.Entry<byte[], byte[]> e : model.entrySet()) {
            Map.Entry<byte[], byte[]> x = a.next();
            assertEquals(new String(e.getKey(), StandardCharsets.UTF_8), new String(x.getKey(), StandardCharsets.UTF_8));
            assertEquals(new String(e.getValue(), StandardCharsets.UTF_8), new String(x.getValue(), StandardCharsets.UTF_8));
        }
    }

    /** Ordinary writes around "a…" and "z…", an ingest of "m…" keys in between. */
    @Test
    void ingestedEntriesJoinTheModelAtomicallyAndSurviveReopenAndCompaction() throws Exception {
        FaultInjectingFileSystem fs = new FaultInjectingFileSystem(new MemFileSystem());
        TreeMap<byte[], byte[]> model = model();
        Random r = new Random(7);
        try (LsmDb db = LsmDb.open(DIR, options(fs))) {
            for (int i = 0; i < 5000; i++) {
                byte[] k = b((r.nextBoolean() ? "a" : "z") + String.format("%06d", r.nextInt(3000)));
                byte[] v = b("v" + i);
                db.put(k, v);
                model.put(k, v);
            }
            TreeMap<byte[], byte[]> before = new TreeMap<>(model);
            Snapshot old = db.snapshot();
            TreeMap<byte[], byte[]> ingested = model();
            try (BulkIngest load = db.bulkIngest()) {
                for (int i = 0; i < 20_000; i++) {
                    byte[] k = b(String.format("m%07d", i));
                    byte[] v = b("ingested " + i);
                    load.add(k, v);
                    ingested.put(k, v);
                }
                // Writers keep committing while the files are written; they stay below the reserved sequence.
                db.put(b("a-during"), b("x"));
                model.put(b("a-during"), b("x"));
                before.put(b("a-during"), b("x"));
                assertSame(before, db, null);
                load.commit();
            }
            model.putAll(ingested);
            assertSame(model, db, null);
            before.remove(b("a-during"));
            assertSame(before, db, old); // an older snapshot sees none of it
            old.close();
            db.put(b("m0000005"), b("overwritten"));
            model.put(b("m0000005"), b("overwritten"));
            db.delete(b("m0000006"));
            model.remove(b("m0000006"));
            assertSame(model, db, null);
        }
        try (LsmDb db = LsmDb.open(DIR, options(fs))) {
            assertSame(model, db, null);
            db.compactRange(null, null);
            assertSame(model, db, null);
            db.put(b("m0000007"), b("after compaction"));
            model.put(b("m0000007"), b("after compaction"));
        }
        try (LsmDb db = LsmDb.open(DIR, options(fs))) {
            assertSame(model, db, null);
        }
    }

    @Test
    void unsortedKeysAreRefusedAndCloseWithoutCommitLeavesNothing() throws Exception {
        FaultInjectingFileSystem fs = new FaultInjectingFileSystem(new MemFileSystem());
        try (LsmDb db = LsmDb.open(DIR, options(fs))) {
            db.put(b("k"), b("v"));
            long files = tables(fs);
            try (BulkIngest load = db.bulkIngest()) {
                for (int i = 0; i < 5000; i++) {
                    load.add(b(String.format("m%07d", i)), b("some value " + i));
                }
                assertThrows(IllegalArgumentException.class, () -> load.add(b("m0000001"), b("x")));
                assertTrue(tables(fs) > files, "the load has written table files");
            }
            assertEquals(files, tables(fs), "abandoned table files are deleted");
            TreeMap<byte[], byte[]> model = model();
            model.put(b("k"), b("v"));
            assertSame(model, db, null);
        }
    }

    /** A power loss at any sync during the ingest leaves either nothing of it or all of it. */
    @Test
    void powerLossAtEverySyncLeavesAllOrNothing() throws Exception {
        int ingestSyncs;
        {
            FaultInjectingFileSystem fs = new FaultInjectingFileSystem(new MemFileSystem());
            try (LsmDb db = LsmDb.open(DIR, options(fs))) {
                db.put(b("k"), b("v"));
                int s0 = fs.syncCount();
                ingest(db, 3000);
                ingestSyncs = fs.syncCount() - s0;
            }
        }
        assertTrue(ingestSyncs >= 2, "table files and the MANIFEST are synced");
        boolean sawAll = false;
        boolean sawNone = false;
        for (int n = 0; n <= ingestSyncs; n++) {
            FaultInjectingFileSystem fs = new FaultInjectingFileSystem(new MemFileSystem());
            LsmDb db = LsmDb.open(DIR, options(fs).withSync(true));
            db.put(b("k"), b("v"));
            fs.failSyncsAfter(n);
            try {
                ingest(db, 3000);
            } catch (IOException expected) {
                // the power went out part way
            }
            PowerLoss.cut(fs, db);
            try (LsmDb reopened = LsmDb.open(DIR, options(fs))) {
                int count = 0;
                try (LsmIterator it = reopened.iterator(null, b("m"), b("n"))) {
                    for (it.seekToFirst(); it.isValid(); it.next()) {
                        assertEquals(String.format("m%07d", count), new String(it.key(), StandardCharsets.UTF_8));
                        count++;
                    }
                }
                assertTrue(count == 0 || count == 3000, "after a power loss at sync " + n + ": " + count + " entries");
                sawAll |= count == 3000;
                sawNone |= count == 0;
                assertEquals("v", new String(reopened.get(b("k")), StandardCharsets.UTF_8));
                reopened.compactRange(null, null);
            }
        }
        assertTrue(sawAll && sawNone, "both outcomes occur across the sync points");
    }

    /**
     * Ingests while a writer keeps flushing and compacting: into fresh ranges past everything written (which no
     * compaction spans, so the ingest neither waits nor goes to level 0) and into gaps inside the written range
     * (which a compaction may span). Every read, after reopen and a full compaction too, matches the model.
     */
    @Test
    void ingestsDuringCompactionsOfOtherRangesKeepEveryLevelReadable() throws Exception {
        FaultInjectingFileSystem fs = new FaultInjectingFileSystem(new MemFileSystem());
        TreeMap<byte[], byte[]> model = model();
        Options o = options(fs).withWriteBufferSize(16 << 10).withTargetFileSize(8 << 10);
        try (LsmDb db = LsmDb.open(DIR, o)) {
            TreeMap<byte[], byte[]> written = model();
            Thread writer = new Thread(() -> {
                Random r = new Random(3);
                for (int i = 0; i < 30_000; i++) {
                    byte[] k = b((r.nextBoolean() ? "a" : "k") + String.format("%05d", r.nextInt(4000)));
                    byte[] v = b("w" + i);
                    try {
                        db.put(k, v);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    synchronized (written) {
                        written.put(k, v);
                    }
                }
            });
            writer.start();
            for (int round = 0; writer.isAlive() || round < 4; round++) {
                String prefix = round % 2 == 0 ? String.format("z%03d-", round) : String.format("f%03d-", round);
                try (BulkIngest load = db.bulkIngest()) {
                    for (int i = 0; i < 1500; i++) {
                        byte[] k = b(prefix + String.format("%05d", i));
                        byte[] v = b("ingested " + round + " " + i);
                        load.add(k, v);
                        model.put(k, v);
                    }
                    load.commit();
                }
            }
            writer.join();
            model.putAll(written);
            assertSame(model, db, null);
        }
        try (LsmDb db = LsmDb.open(DIR, o)) {
            assertSame(model, db, null);
            db.compactRange(null, null);
            assertSame(model, db, null);
        }
    }

    /**
     * While a load writes its files, compactions wait (a manual one included) and the model stays readable; its
     * commit, or its close without commit, lets them go on.
     */
    @Test
    void compactionsWaitWhileALoadWritesAndGoOnAfterItsCommitOrClose() throws Exception {
        FaultInjectingFileSystem fs = new FaultInjectingFileSystem(new MemFileSystem());
        TreeMap<byte[], byte[]> model = model();
        Options o = options(fs).withWriteBufferSize(16 << 10).withTargetFileSize(8 << 10);
        try (LsmDb db = LsmDb.open(DIR, o)) {
            for (boolean commit : new boolean[] {true, false}) {
                Random r = new Random(commit ? 5 : 6);
                for (int i = 0; i < 3000; i++) {
                    byte[] k = b("a" + String.format("%05d", r.nextInt(2000)));
                    byte[] v = b("w" + i);
                    db.put(k, v);
                    model.put(k, v);
                }
                long compactionsBefore = compactions(db);
                BulkIngest load = db.bulkIngest();
                Thread compacting = new Thread(() -> {
                    try {
                        db.compactRange(null, null);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                compacting.start();
                String prefix = commit ? "m" : "n";
                for (int i = 0; i < 2000; i++) {
                    load.add(b(prefix + String.format("%05d", i)), b("ingested " + i));
                }
                compacting.join(500);
                // one already past its merge when the load began may have finished; none runs from now on
                long held = compactions(db);
                compacting.join(300);
                assertTrue(compacting.isAlive(), "a manual compaction ran while the load was writing");
                assertEquals(held, compactions(db));
                if (commit) {
                    load.commit();
                    for (int i = 0; i < 2000; i++) {
                        model.put(b(prefix + String.format("%05d", i)), b("ingested " + i));
                    }
                }
                load.close();
                compacting.join(60_000);
                assertTrue(!compacting.isAlive(), "the compaction did not go on after the load ended");
                assertTrue(compactions(db) > compactionsBefore);
                assertSame(model, db, null);
            }
        }
    }

    /**
     * Parts written by threads of their own commit as one load, in key order whatever order they were made in;
     * parts whose key ranges overlap are refused whole.
     */
    @Test
    void partsWrittenAtOnceCommitTogetherInKeyOrderAndMustNotOverlap() throws Exception {
        FaultInjectingFileSystem fs = new FaultInjectingFileSystem(new MemFileSystem());
        TreeMap<byte[], byte[]> model = model();
        try (LsmDb db = LsmDb.open(DIR, options(fs))) {
            db.put(b("a"), b("row"));
            model.put(b("a"), b("row"));
            long tablesBefore = tables(fs);
            try (BulkIngest load = db.bulkIngest()) {
                BulkIngest.Part second = load.newPart();
                BulkIngest.Part third = load.newPart(); // stays empty
                Thread t = new Thread(() -> {
                    try {
                        for (int i = 5000; i < 12_000; i++) {
                            second.add(b(String.format("m%07d", i)), b("upper " + i));
                        }
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                t.start();
                for (int i = 0; i < 5000; i++) {
                    load.add(b(String.format("m%07d", i)), b("lower " + i));
                }
                t.join();
                load.commit();
                assertTrue(third != null);
            }
            for (int i = 0; i < 12_000; i++) {
                model.put(b(String.format("m%07d", i)), b((i < 5000 ? "lower " : "upper ") + i));
            }
            assertSame(model, db, null);
            assertTrue(tables(fs) > tablesBefore + 1, "both parts wrote files");

            // parts made in descending key order, interleaved, several files each: they commit in key order
            try (BulkIngest load = db.bulkIngest()) {
                load.omitFilters();
                BulkIngest.Part[] parts = new BulkIngest.Part[5];
                for (int p = parts.length - 1; p >= 0; p--) {
                    parts[p] = load.newPart();
                }
                for (int i = 0; i < 3000; i++) {
                    for (int p = 0; p < parts.length; p++) {
                        String k = String.format("q%d%07d", p, i);
                        parts[p].add(b(k), b("v" + k));
                        model.put(b(k), b("v" + k));
                    }
                }
                load.commit();
            }
            assertSame(model, db, null);

            long tablesNow = tables(fs);
            BulkIngest bad = db.bulkIngest();
            BulkIngest.Part early = bad.newPart();
            bad.add(b("p1"), b("x"));
            bad.add(b("p5"), b("x"));
            early.add(b("p3"), b("y")); // inside the first part's range
            assertThrows(IllegalArgumentException.class, bad::commit);
            bad.close();
            assertEquals(tablesNow, tables(fs), "a refused load leaves no files");
            assertSame(model, db, null);
        }
        try (LsmDb db = LsmDb.open(DIR, options(fs))) {
            assertSame(model, db, null);
        }
    }

    private static long tables(FaultInjectingFileSystem fs) throws IOException {
        return fs.list(DIR).stream().filter(n -> n.endsWith(".sst")).count();
    }

    private static long compactions(LsmDb db) {
        return Long.parseLong(db.property("lsmdb.compaction-count")) + Long.parseLong(db.property("lsmdb.trivial-moves"));
    }

    private static void ingest(LsmDb db, int n) throws IOException {
        try (BulkIngest load = db.bulkIngest()) {
            for (int i = 0; i < n; i++) {
                load.add(b(String.format("m%07d", i)), b("value " + i));
            }
            load.commit();
        }
    }
}
