package lsmdb.core;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static lsmdb.core.TestData.b;
import static lsmdb.core.TestData.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import lsmdb.core.io.MemFileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link LsmDb#checkpoint}: online backups taken while a writer commits hold a prefix of its commits that includes
 * every commit acknowledged before the backup began, and open as ordinary databases.
 */
class CheckpointTest {

    private static final byte[] COUNTER = b("~counter");

    @TempDir
    Path tmp;

    /**
     * Operation {@code i} of the writer, applied atomically with the counter set to {@code i}: mostly puts, some
     * overwrites, deletes and range deletes, so that backups cross flushes, compactions and tombstones.
     */
    private static WriteBatch op(long i, Random r) {
        WriteBatch batch = new WriteBatch();
        int kind = r.nextInt(20);
        String key = String.format("k%05d", r.nextInt(3000));
        if (kind == 0) {
            String to = String.format("k%05d", Integer.parseInt(key.substring(1)) + 1 + r.nextInt(30));
            batch.deleteRange(b(key), b(to));
        } else if (kind <= 2) {
            batch.delete(b(key));
        } else {
            batch.put(b(key), b("v" + i + "-" + "x".repeat(r.nextInt(200))));
        }
        return batch.put(COUNTER, b(Long.toString(i)));
    }

    /** The state after operations 1..n, replayed into a model. */
    private static TreeMap<String, String> model(long n, long seed) {
        Random r = new Random(seed);
        TreeMap<String, String> m = new TreeMap<>();
        for (long i = 1; i <= n; i++) {
            WriteBatch batch = op(i, r);
            batch.forEach(new WriteBatch.Handler() {
                @Override
                public void put(byte[] key, byte[] value) {
                    m.put(s(key), s(value));
                }

                @Override
                public void delete(byte[] key) {
                    m.remove(s(key));
                }

                @Override
                public void deleteRange(byte[] from, byte[] to) {
                    m.subMap(s(from), s(to)).clear();
                }
            });
        }
        return m;
    }

    private static TreeMap<String, String> contents(LsmDb db) throws Exception {
        TreeMap<String, String> m = new TreeMap<>();
        try (LsmIterator it = db.iterator()) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                m.put(s(it.key()), s(it.value()));
            }
        }
        return m;
    }

    /** sync=true: durable logs are preallocated, so the live log is copied up to its written end, not its size. */
    @ParameterizedTest(name = "sync={0}")
    @ValueSource(booleans = {false, true})
    void backupsTakenDuringWritesHoldAPrefixWithEveryAcknowledgedCommit(boolean sync) throws Exception {
        long seed = new Random().nextLong();
        Options options = Options.defaults().withSync(sync).withWriteBufferSize(64 << 10)
                .withTargetFileSize(64 << 10).withMaxBytesForLevelBase(256 << 10);
        AtomicLong acknowledged = new AtomicLong();
        AtomicReference<Throwable> writerFailure = new AtomicReference<>();
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        List<long[]> backups = new ArrayList<>(); // {index, acknowledged before it began}
        try (LsmDb db = LsmDb.open(tmp.resolve("db"), options)) {
            // Only a few commits wait for an fsync even when durable, so the writer keeps pace with the backups.
            Thread writer = new Thread(() -> {
                Random r = new Random(seed);
                try {
                    for (long i = 1; !stop.get(); i++) {
                        db.write(op(i, r), sync && i % 50 == 0);
                        acknowledged.set(i);
                    }
                } catch (Throwable t) {
                    writerFailure.set(t);
                }
            });
            writer.start();
            try {
                for (int k = 0; k < 12; k++) {
                    while (acknowledged.get() < 400L * (k + 1) && writerFailure.get() == null) {
                        Thread.sleep(2);
                    }
                    long before = acknowledged.get();
                    db.checkpoint(tmp.resolve("backup" + k));
                    backups.add(new long[] {k, before});
                }
            } finally {
                stop.set(true); // not interrupt(): an interrupted FileChannel closes itself
                writer.join();
            }
            assertNull(writerFailure.get(), () -> "writer failed: " + writerFailure.get());
            assertTrue(acknowledged.get() >= 4800, "the writer kept writing: " + acknowledged.get());
        }
        for (long[] backup : backups) {
            try (LsmDb copy = LsmDb.open(tmp.resolve("backup" + backup[0]),
                    Options.defaults().withCreateIfMissing(false))) {
                TreeMap<String, String> got = contents(copy);
                long n = Long.parseLong(got.getOrDefault("~counter", "0"));
                assertTrue(n >= backup[1], "backup " + backup[0] + " holds " + n + " commits, but " + backup[1]
                        + " were acknowledged before it began (seed " + seed + ")");
                assertEquals(model(n, seed), got, "backup " + backup[0] + " is the state after commit " + n
                        + " (seed " + seed + ")");
                copy.put(b("written"), b("after restore")); // an ordinary, writable database
            }
        }
    }

    /**
     * A backup of a database another writer has open (the CLI's {@code lsmdb backup}): the read-only open pins the
     * live log at the length it saw, and the writer may close and delete that log before the copy reads it. The copy
     * holds everything the open replayed and nothing written after it.
     */
    @Test
    void aReadOnlyOpenCopiesTheLiveLogEvenAfterItsWriterClosedIt() throws Exception {
        Path src = tmp.resolve("live");
        try (LsmDb writer = LsmDb.open(src, Options.defaults().withSync(false))) {
            for (int i = 0; i < 300; i++) {
                writer.put(b("k" + i), b("v" + i));
            }
            try (LsmDb reader = LsmDb.open(src, Options.defaults().withReadOnly(true))) {
                writer.flush(); // a new log; the one the reader replayed is closed, then deleted
                writer.put(b("after"), b("x"));
                reader.checkpoint(tmp.resolve("copy"));
            }
        }
        try (LsmDb copy = LsmDb.open(tmp.resolve("copy"), Options.defaults())) {
            for (int i = 0; i < 300; i++) {
                assertEquals("v" + i, s(copy.get(b("k" + i))));
            }
            assertNull(copy.get(b("after")), "written after the read-only open");
        }
    }

    /**
     * A live writer's log runs ahead of its data (a mapped region, or preallocated zeros when durable): commits made
     * after a read-only open land inside the length the open saw. Its checkpoint still holds exactly what it
     * replayed.
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aReadOnlyOpensBackupLeavesOutCommitsWrittenIntoTheLiveLogAfterItOpened(boolean sync) throws Exception {
        Path src = tmp.resolve("live-" + sync);
        Path copyDir = tmp.resolve("copy-" + sync);
        try (LsmDb writer = LsmDb.open(src, Options.defaults().withSync(sync))) {
            for (int i = 0; i < 300; i++) {
                writer.put(b("k" + i), b("v" + i));
            }
            try (LsmDb reader = LsmDb.open(src, Options.defaults().withReadOnly(true))) {
                for (int i = 0; i < 50; i++) {
                    writer.put(b("after" + i), b("x"));
                }
                assertNull(reader.get(b("after0")), "the read-only open sees the state it opened at");
                reader.checkpoint(copyDir);
            }
        }
        try (LsmDb copy = LsmDb.open(copyDir, Options.defaults())) {
            for (int i = 0; i < 300; i++) {
                assertEquals("v" + i, s(copy.get(b("k" + i))));
            }
            for (int i = 0; i < 50; i++) {
                assertNull(copy.get(b("after" + i)), "after" + i + " was written after the read-only open");
            }
        }
    }

    /** A writer that closes trims its live log to its data; a read-only open's backup after that still works. */
    @Test
    void aReadOnlyOpensBackupWorksAfterItsWriterTrimmedTheLiveLog() throws Exception {
        Path src = tmp.resolve("trimmed");
        LsmDb writer = LsmDb.open(src, Options.defaults().withSync(false));
        for (int i = 0; i < 300; i++) {
            writer.put(b("k" + i), b("v" + i));
        }
        try (LsmDb reader = LsmDb.open(src, Options.defaults().withReadOnly(true))) {
            writer.put(b("after"), b("x"));
            writer.close(); // trims the log's zeros away: the file is now shorter than when the reader opened
            reader.checkpoint(tmp.resolve("copy"));
        }
        try (LsmDb copy = LsmDb.open(tmp.resolve("copy"), Options.defaults())) {
            for (int i = 0; i < 300; i++) {
                assertEquals("v" + i, s(copy.get(b("k" + i))));
            }
            assertNull(copy.get(b("after")), "written after the read-only open");
        }
    }

    @Test
    void tablesAreHardLinkedAndTheCopyIsIndependent() throws Exception {
        Path src = tmp.resolve("db");
        try (LsmDb db = LsmDb.open(src, Options.defaults())) {
            db.put(b("a"), b("1"));
            db.flush();
            db.put(b("b"), b("2")); // only in the log
            db.checkpoint(tmp.resolve("copy"));
            db.put(b("c"), b("3")); // after the checkpoint: not in it
            Path table;
            try (var files = Files.list(tmp.resolve("copy"))) {
                table = files.filter(p -> p.toString().endsWith(".sst")).findFirst().orElseThrow();
            }
            assertEquals(Files.getAttribute(src.resolve(table.getFileName()), "unix:ino"),
                    Files.getAttribute(table, "unix:ino"), "a table is linked, not copied");
        }
        try (LsmDb copy = LsmDb.open(tmp.resolve("copy"), Options.defaults())) {
            assertEquals(Map.of("a", "1", "b", "2"), contents(copy));
        }
    }

    @Test
    void inMemoryDatabasesAreCopiedToDisk() throws Exception {
        MemFileSystem fs = new MemFileSystem();
        try (LsmDb db = LsmDb.open(Path.of("/mem/db"), Options.defaults().withFileSystem(fs))) {
            for (int i = 0; i < 100; i++) {
                db.put(b("k" + i), b("v" + i));
            }
            db.flush();
            db.delete(b("k5"));
            db.checkpoint(tmp.resolve("copy"));
        }
        try (LsmDb copy = LsmDb.open(tmp.resolve("copy"), Options.defaults())) {
            assertEquals(99, contents(copy).size());
            assertNull(copy.get(b("k5")));
            assertEquals("v6", s(copy.get(b("k6"))));
        }
    }

    /**
     * A backup taken by a thread whose interrupt flag is set (a pool's cancelled task, Ratis's snapshot thread being
     * stopped): a file channel closes itself under such a thread, and the copy of the logs, the MANIFEST and CURRENT
     * must not fail or skip a sync because of it. The flag is the caller's and stays set. In memory, the tables are
     * copied rather than linked, so both ways of bringing a table over are covered.
     */
    @ParameterizedTest(name = "inMemory={0}")
    @ValueSource(booleans = {false, true})
    void anInterruptedThreadTakesAWholeBackupAndKeepsItsFlag(boolean inMemory) throws Exception {
        Options options = Options.defaults();
        Path src = tmp.resolve("db");
        if (inMemory) {
            options = options.withFileSystem(new MemFileSystem());
            src = Path.of("/mem/db");
        }
        Path dest = tmp.resolve("copy");
        TreeMap<String, String> written = new TreeMap<>();
        try (LsmDb db = LsmDb.open(src, options)) {
            for (int i = 0; i < 500; i++) {
                db.put(b("k" + i), b("v" + i));
                written.put("k" + i, "v" + i);
            }
            db.flush(); // into a table
            for (int i = 500; i < 600; i++) { // only in the log
                db.put(b("k" + i), b("v" + i));
                written.put("k" + i, "v" + i);
            }
            db.delete(b("k7"));
            written.remove("k7");
            Thread.currentThread().interrupt();
            try {
                db.checkpoint(dest);
                assertTrue(Thread.currentThread().isInterrupted(), "the flag is the caller's");
            } finally {
                Thread.interrupted();
            }
            db.put(b("after"), b("x")); // the source goes on, and its later writes are not in the copy
        }
        try (LsmDb copy = LsmDb.open(dest, Options.defaults().withCreateIfMissing(false))) {
            assertEquals(written, contents(copy));
        }
    }

    @Test
    void aNonEmptyDestinationIsRefusedAndAnEmptyOneAccepted() throws Exception {
        Path dest = tmp.resolve("dest");
        Files.createDirectories(dest);
        Files.writeString(dest.resolve("precious.txt"), "keep me");
        try (LsmDb db = LsmDb.open(tmp.resolve("db"), Options.defaults())) {
            db.put(b("a"), b("1"));
            FileAlreadyExistsException e = assertThrows(FileAlreadyExistsException.class, () -> db.checkpoint(dest));
            assertTrue(e.getMessage().contains(dest.toString()), e.getMessage());
            assertEquals("keep me", Files.readString(dest.resolve("precious.txt")));
            assertFalse(Files.exists(dest.resolve("CURRENT")));
            Path empty = Files.createDirectories(tmp.resolve("empty"));
            db.checkpoint(empty);
            assertTrue(Files.exists(empty.resolve("CURRENT")));
        }
    }

    /**
     * The previous log (its memtable not flushed yet) is still open when a backup pins it, and a mapped log is longer
     * than its data until it is closed; the flush that closes it cuts it to its data, here while the backup copies
     * it. The backup must copy the data it pinned, not the file length it saw (a read past the cut end failed).
     */
    @Test
    @org.junit.jupiter.api.Timeout(120)
    void aBackupCopiesThePreviousLogWhileItsFlushClosesIt() throws Exception {
        HoldingFileSystem fs = new HoldingFileSystem(lsmdb.core.io.RealFileSystem.INSTANCE);
        Options options = Options.defaults().withSync(false).withWriteBufferSize(64 << 10).withFileSystem(fs);
        Path dir = tmp.resolve("db");
        TreeMap<String, String> written = new TreeMap<>();
        try (LsmDb db = LsmDb.open(dir, options)) {
            fs.holdTables = true;
            // past one write buffer: the memtable is frozen, its log becomes the previous one, and its flush waits
            for (int i = 0; i < 10_000 && !fs.tableHeld.await(i % 50 == 49 ? 20 : 0, MILLISECONDS); i++) {
                String k = String.format("k%05d", i);
                String v = "v" + i + "-" + "x".repeat(150);
                db.put(b(k), b(v));
                written.put(k, v);
            }
            assertTrue(fs.tableHeld.await(10, java.util.concurrent.TimeUnit.SECONDS), "a flush started");
            db.put(b("after"), b("the switch")); // into the new log
            written.put("after", "the switch");
            fs.releaseOnLogCopy = dir;
            try {
                db.checkpoint(tmp.resolve("backup"));
            } finally {
                fs.release.countDown(); // never leave the flush (and so close) waiting
            }
            assertTrue(fs.previousLogClosedDuringCopy, "the flush closed the previous log while the backup copied");
        }
        try (LsmDb copy = LsmDb.open(tmp.resolve("backup"), Options.defaults().withCreateIfMissing(false))) {
            assertEquals(written, contents(copy));
        }
    }

    /**
     * Delegates to a file system, but holds the creation of tables (so a flush waits with its log open) until a log
     * of the database is opened for reading (the backup's copy), and then waits for the flush to close and cut it.
     */
    private static final class HoldingFileSystem implements lsmdb.core.io.FileSystem {
        private final lsmdb.core.io.FileSystem fs;
        final java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        final java.util.concurrent.CountDownLatch tableHeld = new java.util.concurrent.CountDownLatch(1);
        volatile boolean holdTables;
        volatile Path releaseOnLogCopy;
        volatile boolean previousLogClosedDuringCopy;

        HoldingFileSystem(lsmdb.core.io.FileSystem fs) {
            this.fs = fs;
        }

        private void maybeHold(Path path) {
            if (holdTables && path.getFileName().toString().endsWith(".sst")) {
                tableHeld.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public lsmdb.core.io.WritableFile create(Path path) throws java.io.IOException {
            maybeHold(path);
            return fs.create(path);
        }

        @Override
        public lsmdb.core.io.WritableFile createPreallocated(Path path, long step) throws java.io.IOException {
            maybeHold(path);
            return fs.createPreallocated(path, step);
        }

        @Override
        public lsmdb.core.io.WritableFile createPreallocatedOnSync(Path path, long step) throws java.io.IOException {
            return fs.createPreallocatedOnSync(path, step);
        }

        @Override
        public lsmdb.core.io.WritableFile createMapped(Path path, int region) throws java.io.IOException {
            return fs.createMapped(path, region);
        }

        @Override
        public lsmdb.core.io.ReadableFile openForRead(Path path) throws java.io.IOException {
            Path db = releaseOnLogCopy;
            if (db != null && path.startsWith(db) && path.getFileName().toString().endsWith(".log")
                    && release.getCount() > 0) {
                Path previous = db.resolve(fs.list(db).stream().filter(n -> n.endsWith(".log")).sorted()
                        .findFirst().orElseThrow());
                long before = fs.size(previous);
                holdTables = false;
                release.countDown();
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (fs.exists(previous) && fs.size(previous) == before && System.nanoTime() < deadline) {
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
                previousLogClosedDuringCopy = !fs.exists(previous) || fs.size(previous) < before;
            }
            return fs.openForRead(path);
        }

        @Override
        public lsmdb.core.io.ReadableFile openImmutable(Path path) throws java.io.IOException {
            return fs.openImmutable(path);
        }

        @Override
        public boolean exists(Path path) {
            return fs.exists(path);
        }

        @Override
        public long size(Path path) throws java.io.IOException {
            return fs.size(path);
        }

        @Override
        public List<String> list(Path dir) throws java.io.IOException {
            return fs.list(dir);
        }

        @Override
        public void delete(Path path) throws java.io.IOException {
            fs.delete(path);
        }

        @Override
        public void rename(Path from, Path to) throws java.io.IOException {
            fs.rename(from, to);
        }

        @Override
        public void createDirectories(Path dir) throws java.io.IOException {
            fs.createDirectories(dir);
        }

        @Override
        public void syncDirectory(Path dir) throws java.io.IOException {
            fs.syncDirectory(dir);
        }

        @Override
        public lsmdb.core.io.FileLock lock(Path lockFile) throws java.io.IOException {
            return fs.lock(lockFile);
        }
    }
}
