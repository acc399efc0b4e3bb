package lsmdb.core;

import static lsmdb.core.TestData.b;
import static lsmdb.core.TestData.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged files are detected and reported, never served: flipped bytes in logs and tables, torn log tails. */
class DbCorruptionTest {

    @TempDir
    Path tmp;

    private static List<Path> files(Path dir, String suffix) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }

    private static void flipByte(Path file, long offset) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(offset);
            int v = f.read();
            f.seek(offset);
            f.write(v ^ 0x40);
        }
    }

    private Path writeLogOnlyDatabase(int records, boolean sync) throws IOException {
        Path dir = tmp.resolve("db");
        try (LsmDb db = LsmDb.open(dir, Options.defaults().withSync(sync))) {
            for (int i = 0; i < records; i++) {
                db.put(b(String.format("key%05d", i)), b("value-" + i + "-" + "v".repeat(200)));
            }
        }
        return dir;
    }

    /** Where the log's records end: durable databases write into preallocated logs, zeros after the records. */
    private static long dataEnd(Path log) throws IOException {
        byte[] bytes = Files.readAllBytes(log);
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] == 0) {
            end--;
        }
        return end;
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "sync={0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {true, false})
    void flippedByteInTheMiddleOfTheLogFailsOpenNamingTheFile(boolean sync) throws Exception {
        Path dir = writeLogOnlyDatabase(500, sync);
        Path log = files(dir, ".log").get(0);
        assertEquals(sync, dataEnd(log) < Files.size(log), "only a durable database preallocates its log");
        flipByte(log, dataEnd(log) / 2);
        IOException e = assertThrows(IOException.class, () -> LsmDb.open(dir, Options.defaults()));
        assertInstanceOf(CorruptionException.class, e);
        assertTrue(e.getMessage().contains(log.getFileName().toString()), e.getMessage());
    }

    /** A last record half written: cut short in a plain log, its end still zeros in a preallocated one. */
    @org.junit.jupiter.params.ParameterizedTest(name = "sync={0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {true, false})
    void tornLastRecordIsDroppedAndReported(boolean sync) throws Exception {
        Path dir = writeLogOnlyDatabase(100, sync);
        Path log = files(dir, ".log").get(0);
        long end = dataEnd(log);
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "rw")) {
            if (f.length() > end) {
                f.seek(end - 20);
                f.write(new byte[20]);
            } else {
                f.setLength(end - 20);
            }
        }
        try (LsmDb db = LsmDb.open(dir, Options.defaults())) {
            assertEquals("value-98-" + "v".repeat(200), s(db.get(b("key00098"))));
            assertNull(db.get(b("key00099")), "the torn record is dropped");
        }
        String logText = Files.readString(dir.resolve("LOG.old"), StandardCharsets.UTF_8)
                + Files.readString(dir.resolve("LOG"), StandardCharsets.UTF_8);
        assertTrue(logText.contains("torn tail"), logText);
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "mmapReads={0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {true, false})
    void flippedByteInATableIsReportedOnRead(boolean mmapReads) throws Exception {
        Path dir = tmp.resolve("db");
        Options options = Options.defaults().withBlockCacheSize(0).withMmapReads(mmapReads);
        try (LsmDb db = LsmDb.open(dir, options)) {
            for (int i = 0; i < 2000; i++) {
                db.put(b(String.format("key%05d", i)), b("value-" + i));
            }
            db.flush();
        }
        Path table = files(dir, ".sst").get(0);
        flipByte(table, 100);
        try (LsmDb db = LsmDb.open(dir, options)) {
            IOException e = assertThrows(IOException.class, () -> {
                for (int i = 0; i < 2000; i++) {
                    db.get(b(String.format("key%05d", i)));
                }
            });
            assertInstanceOf(CorruptionException.class, e);
            assertTrue(e.getMessage().contains(table.getFileName().toString()), e.getMessage());
            UncheckedIOException u = assertThrows(UncheckedIOException.class, () -> {
                try (LsmIterator it = db.iterator()) {
                    for (it.seekToFirst(); it.isValid(); it.next()) {
                        it.value();
                    }
                }
            });
            assertInstanceOf(CorruptionException.class, u.getCause());
        }
    }

    /**
     * A table that cannot be opened at all (its footer cut off) fails a cursor over it as it is made, with the
     * corruption named, after other tables were already opened for it: those are closed again and the database
     * goes on serving what it can read.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "mmapReads={0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {true, false})
    void aTableThatCannotBeOpenedFailsTheCursorCleanly(boolean mmapReads) throws Exception {
        Path dir = tmp.resolve("db");
        Options options = Options.defaults().withBlockCacheSize(0).withMmapReads(mmapReads);
        try (LsmDb db = LsmDb.open(dir, options)) {
            for (int t = 0; t < 3; t++) { // three tables in level 0, each over the whole key range
                for (int i = t; i < 2000; i += 3) {
                    db.put(b(String.format("key%05d", i)), b("value-" + i));
                }
                db.flush();
            }
        }
        List<Path> tables = files(dir, ".sst");
        assertEquals(3, tables.size());
        Path cut = tables.get(1);
        try (RandomAccessFile f = new RandomAccessFile(cut.toFile(), "rw")) {
            f.setLength(f.length() - 20);
        }
        try (LsmDb db = LsmDb.open(dir, options)) {
            db.put(b("zz-after"), b("still served"));
            for (int round = 0; round < 3; round++) {
                UncheckedIOException u = assertThrows(UncheckedIOException.class, db::iterator);
                assertInstanceOf(CorruptionException.class, u.getCause());
                assertTrue(u.getCause().getMessage().contains(cut.getFileName().toString()), u.getCause().getMessage());
            }
            assertEquals("still served", s(db.get(b("zz-after"))));
        }
    }

    /**
     * A flipped byte in the newest log's last record cannot be told from a torn write, so the open goes on without
     * that record; but its bytes are kept under lost/ (the log itself is deleted after recovery), a warning is
     * logged and the drop is counted. With paranoidChecks the open is refused, naming the file and offset.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "sync={0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {true, false})
    void damagedLastLogRecordIsKeptUnderLostAndCounted(boolean sync) throws Exception {
        Path dir = writeLogOnlyDatabase(100, sync);
        Path log = files(dir, ".log").get(0);
        String logName = log.getFileName().toString();
        long end = dataEnd(log);
        flipByte(log, end - 5);
        byte[] damaged = Files.readAllBytes(log);

        IOException refused = assertThrows(IOException.class,
                () -> LsmDb.open(dir, Options.defaults().withParanoidChecks(true)));
        assertInstanceOf(CorruptionException.class, refused);
        assertTrue(refused.getMessage().contains(logName) && refused.getMessage().contains("offset"),
                refused.getMessage());
        assertTrue(Files.exists(log), "a refused open keeps the log");
        assertTrue(!Files.exists(dir.resolve("lost")), "a refused open drops nothing, so keeps nothing");

        try (LsmDb db = LsmDb.open(dir, Options.defaults())) {
            assertEquals("value-98-" + "v".repeat(200), s(db.get(b("key00098"))));
            assertNull(db.get(b("key00099")), "the damaged record is dropped");
            assertEquals("1", db.property("lsmdb.recovery-dropped-tails"));
            long kept = Long.parseLong(db.property("lsmdb.recovery-dropped-bytes"));
            assertTrue(kept > 200, "the whole last record is kept: " + kept);
            assertTrue(db.property("lsmdb.property-names").contains("lsmdb.recovery-dropped-bytes"));
        }
        assertTrue(!Files.exists(log), "the recovered log is deleted after recovery");
        List<Path> lost = files(dir.resolve("lost"), "");
        assertEquals(1, lost.size(), lost.toString());
        String lostName = lost.get(0).getFileName().toString();
        assertTrue(lostName.startsWith(logName + ".at-"), lostName);
        int offset = Integer.parseInt(lostName.substring((logName + ".at-").length()));
        assertTrue(offset <= end - 5, "the kept bytes include the flipped one");
        assertEquals(java.util.Arrays.toString(java.util.Arrays.copyOfRange(damaged, offset, (int) end)),
                java.util.Arrays.toString(Files.readAllBytes(lost.get(0))), "every dropped byte, as it was");
        String logText = Files.readString(dir.resolve("LOG"), StandardCharsets.UTF_8);
        assertTrue(logText.contains("WARNING") && logText.contains("lost/" + lostName), logText);
    }
}
