package lsmdb.core;

import static lsmdb.core.TestData.b;
import static lsmdb.core.TestData.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import lsmdb.core.io.FaultInjectingFileSystem;
import lsmdb.core.io.RealFileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A disk that fills up while the database writes: an open on the still-full disk fails and leaves no new file
 * behind, and freeing less space than one preallocated log is enough to reopen with every acknowledged row.
 */
class DbDiskFullTest {

    private static final long WRITE_BUFFER = 1 << 20;

    @TempDir
    Path tmp;

    @Test
    void afterTheDiskFillsFreeingTheFilledSpaceIsEnoughToReopen() throws IOException {
        Path dir = tmp.resolve("db");
        FaultInjectingFileSystem fs = new FaultInjectingFileSystem(RealFileSystem.INSTANCE);
        Options options = Options.defaults().withWriteBufferSize(WRITE_BUFFER).withFileSystem(fs);
        int acknowledged = 0;
        LsmDb db = LsmDb.open(dir, options);
        long filledFrom = fs.usedSpace();
        fs.setSpaceLimit(filledFrom + (600 << 10));
        try {
            for (int i = 0; i < 1_000_000; i += 50) {
                WriteBatch batch = new WriteBatch();
                for (int j = i; j < i + 50; j++) {
                    batch.put(b(String.format("key%07d", j)), b("value-" + j + "-" + "x".repeat(100)));
                }
                db.write(batch);
                acknowledged += 50;
            }
        } catch (IOException expected) {
            assertTrue(expected.getMessage().contains("No space left"), expected.toString());
        } finally {
            try {
                db.close();
            } catch (IOException ignored) {
                // closing a database whose disk is full may fail too
            }
        }
        assertTrue(acknowledged > 1000, "wrote " + acknowledged + " rows before the disk filled");

        Map<String, Long> before = listing(dir);
        assertThrows(IOException.class, () -> LsmDb.open(dir, options).close(), "the disk is still full");
        assertEquals(before, listing(dir), "a failed open leaves no new file behind, and changes none");

        // Free less than the 1.25 x writeBufferSize a preallocated log takes: recovery must not need it.
        fs.setSpaceLimit(fs.usedSpace() + WRITE_BUFFER);
        try (LsmDb reopened = LsmDb.open(dir, options)) {
            for (int i = 0; i < acknowledged; i++) {
                assertEquals("value-" + i + "-" + "x".repeat(100), s(reopened.get(b(String.format("key%07d", i)))),
                        "row " + i);
            }
            reopened.put(b("after"), b("reopen"));
        }
    }

    /** Data files with their sizes (LOG and LOCK aside: every open writes its LOG). */
    private static Map<String, Long> listing(Path dir) throws IOException {
        Map<String, Long> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                String name = dir.relativize(p).toString();
                if (!name.equals("LOCK") && !name.startsWith("LOG")) {
                    out.put(name, Files.size(p));
                }
            }
        }
        return out;
    }
}
