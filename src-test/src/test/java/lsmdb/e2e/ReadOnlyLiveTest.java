package lsmdb.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import lsmdb.core.LsmDb;
import lsmdb.core.LsmIterator;
import lsmdb.core.Options;
import lsmdb.e2e.crash.CrashWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC §2: {@code readOnly=true} opens a database another process is writing, without its LOCK, and sees it as of the
 * open, even after the writer has compacted away the tables it read.
 */
class ReadOnlyLiveTest {

    @TempDir
    Path tmp;

    private static TreeMap<String, String> contents(LsmDb db) throws Exception {
        TreeMap<String, String> m = new TreeMap<>();
        try (LsmIterator it = db.iterator()) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                m.put(new String(it.key(), StandardCharsets.UTF_8), new String(it.value(), StandardCharsets.UTF_8));
            }
        }
        return m;
    }

    private static Set<String> tables(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".sst")).collect(Collectors.toSet());
        }
    }

    @Test
    void aReadOnlyOpenSeesTheDatabaseAsOfItsOpenWhileAnotherProcessWrites() throws Exception {
        Path dir = tmp.resolve("db");
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
                "-cp", System.getProperty("java.class.path"), CrashWriter.class.getName(), dir.toString(), "false", "0");
        Process writer = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        AtomicLong acked = new AtomicLong(-1);
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.startsWith("ack ")) {
                        acked.set(Long.parseLong(line.substring(4)));
                    }
                }
            } catch (Exception ignored) {
                // the writer is destroyed at the end
            }
        });
        reader.start();
        try {
            waitFor(acked, 3000);
            long before = acked.get();
            @SuppressWarnings("unchecked")
            TreeMap<String, String>[] atOpenCopy = new TreeMap[1];
            try (LsmDb db = LsmDb.open(dir, Options.defaults().withReadOnly(true).withCreateIfMissing(false)
                    .withMaxOpenFiles(2))) { // tables are reopened after eviction: only the pinned handles serve them
                TreeMap<String, String> atOpen = contents(db);
                atOpenCopy[0] = atOpen;
                long n = atOpen.size() / 2;
                assertTrue(n >= before + 1, "holds every write acknowledged before the open: " + n + " vs " + before);
                for (long i = 0; i < n; i++) {
                    assertEquals(new String(lsmdb.e2e.crash.CrashTestAccess.value(i), StandardCharsets.UTF_8),
                            atOpen.get(new String(lsmdb.e2e.crash.CrashTestAccess.key(i), StandardCharsets.UTF_8)),
                            "key " + i + " of a prefix of the writes");
                    assertTrue(atOpen.containsKey(new String(lsmdb.e2e.crash.CrashTestAccess.companion(i),
                            StandardCharsets.UTF_8)), "batches are atomic: companion " + i);
                }
                Set<String> tablesAtOpen = tables(dir);
                long target = acked.get() + 20000;
                waitFor(acked, target);
                Set<String> now = tables(dir);
                Set<String> gone = tablesAtOpen.stream().filter(t -> !now.contains(t)).collect(Collectors.toSet());
                assertFalse(gone.isEmpty(), "the writer compacted away tables the reader opened with");
                assertEquals(atOpen, contents(db), "the view is the database as of the open");
                assertArrayEquals(lsmdb.e2e.crash.CrashTestAccess.value(7), db.get(lsmdb.e2e.crash.CrashTestAccess.key(7)));
                // A backup of the read-only view (as `lsmdb backup` takes of a running database) is that view,
                // although the writer has since deleted logs and tables it replayed and read.
                db.checkpoint(tmp.resolve("backup"));
            }
            try (LsmDb backup = LsmDb.open(tmp.resolve("backup"), Options.defaults().withCreateIfMissing(false))) {
                assertEquals(atOpenCopy[0], contents(backup), "the backup holds exactly the read-only view");
            }
            try (Connection c = DriverManager.getConnection("jdbc:lsm:" + dir + "?readOnly=true&create=false");
                 ResultSet rs = c.getMetaData().getTables(null, null, "%", null)) {
                rs.next(); // a JDBC read-only connection opens too, while the writer still holds the LOCK
            }
            assertTrue(writer.isAlive(), "the writer was never disturbed");
            assertFalse(Files.exists(dir.resolve("LOG.old")), "the reader did not rotate the writer's LOG");
        } finally {
            writer.destroyForcibly();
            writer.waitFor(30, TimeUnit.SECONDS);
            reader.join();
        }
    }

    private static void waitFor(AtomicLong acked, long target) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (acked.get() < target) {
            assertTrue(System.nanoTime() < deadline, "the writer reached " + acked.get() + " of " + target);
            Thread.sleep(10);
        }
    }
}
