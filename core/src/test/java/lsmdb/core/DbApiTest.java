package lsmdb.core;

import static lsmdb.core.TestData.b;
import static lsmdb.core.TestData.s;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The public API's contract: basic operations, bad input, closed databases, locking, read-only, properties. */
class DbApiTest {

    @TempDir
    Path tmp;

    @Test
    void putGetDeleteAndBatch() throws Exception {
        try (LsmDb db = LsmDb.open(tmp.resolve("db"), Options.defaults())) {
            assertNull(db.get(b("a")));
            db.put(b("a"), b("1"));
            db.put(b(""), b("empty key"));
            db.put(b("b"), new byte[0]);
            assertEquals("1", s(db.get(b("a"))));
            assertEquals("empty key", s(db.get(b(""))));
            assertArrayEquals(new byte[0], db.get(b("b")));
            db.write(new WriteBatch().put(b("c"), b("3")).delete(b("a")).put(b("a"), b("again")));
            assertEquals("again", s(db.get(b("a"))), "later records of a batch win");
            db.delete(b("c"));
            assertNull(db.get(b("c")));
        }
    }

    @Test
    void keysOrderAsUnsignedBytes() throws Exception {
        try (LsmDb db = LsmDb.open(tmp.resolve("db"), Options.defaults())) {
            db.put(new byte[] {(byte) 0xff}, b("high"));
            db.put(new byte[] {0x01}, b("low"));
            db.put(new byte[] {0x7f}, b("mid"));
            db.flush();
            db.put(new byte[] {(byte) 0x80}, b("upper-mid"));
            try (LsmIterator it = db.iterator()) {
                it.seekToFirst();
                StringBuilder order = new StringBuilder();
                for (; it.isValid(); it.next()) {
                    order.append(s(it.value())).append(' ');
                }
                assertEquals("low mid upper-mid high ", order.toString());
            }
        }
    }

    @Test
    void nullArgumentsAreRejectedWithTheirName() throws Exception {
        try (LsmDb db = LsmDb.open(tmp.resolve("db"), Options.defaults())) {
            NullPointerException e = assertThrows(NullPointerException.class, () -> db.put(null, b("v")));
            assertTrue(e.getMessage().contains("key"));
            assertThrows(NullPointerException.class, () -> db.put(b("k"), null));
            assertThrows(NullPointerException.class, () -> db.get(null));
            assertThrows(NullPointerException.class, () -> db.write(null));
            assertThrows(NullPointerException.class, () -> LsmDb.open(null, Options.defaults()));
        }
        assertThrows(IllegalArgumentException.class, () -> Options.defaults().withWriteBufferSize(0));
        assertThrows(IllegalArgumentException.class, () -> Options.defaults().withBloomBitsPerKey(-1));
    }

    @Test
    void closedDatabaseRefusesOperations() throws Exception {
        LsmDb db = LsmDb.open(tmp.resolve("db"), Options.defaults());
        db.put(b("k"), b("v"));
        assertFalse(db.isClosed());
        db.close();
        assertTrue(db.isClosed());
        db.close();
        IOException e = assertThrows(IOException.class, () -> db.put(b("k"), b("v")));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        assertThrows(IOException.class, () -> db.get(b("k")));
        assertThrows(IllegalStateException.class, db::snapshot);
        assertThrows(IllegalStateException.class, db::iterator);
    }

    @Test
    void secondOpenOfTheSameDirectoryFailsNamingIt() throws Exception {
        Path dir = tmp.resolve("db");
        try (LsmDb db = LsmDb.open(dir, Options.defaults())) {
            IOException e = assertThrows(IOException.class, () -> LsmDb.open(dir, Options.defaults()));
            assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
        }
        try (LsmDb db = LsmDb.open(dir, Options.defaults())) {
            assertNotNull(db.property("lsmdb.stats"), "the lock is released by close");
        }
    }

    @Test
    void missingDatabaseWithoutCreateFails() {
        Path dir = tmp.resolve("absent");
        IOException e = assertThrows(IOException.class, () -> LsmDb.open(dir, Options.defaults().withCreateIfMissing(false)));
        assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
        assertFalse(Files.exists(dir), "nothing is created");
    }

    @Test
    void readOnlyOpenReadsEverythingAndChangesNoFileButLockAndLog() throws Exception {
        Path dir = tmp.resolve("db");
        try (LsmDb db = LsmDb.open(dir, Options.defaults())) {
            for (int i = 0; i < 100; i++) {
                db.put(b("t" + i), b("table"));
            }
            db.flush();
            db.put(b("w"), b("only in the log"));
        }
        Map<String, Long> before = sizes(dir);
        try (LsmDb db = LsmDb.open(dir, Options.defaults().withReadOnly(true))) {
            assertEquals("table", s(db.get(b("t5"))));
            assertEquals("only in the log", s(db.get(b("w"))));
            IOException e = assertThrows(ReadOnlyException.class, () -> db.put(b("x"), b("y")));
            assertTrue(e.getMessage().contains("read-only"), e.getMessage());
        }
        Map<String, Long> after = sizes(dir);
        assertEquals(before, after, "not even LOG is rotated (SPEC §7 allows LOCK and LOG; it touches neither)");
    }

    private static Map<String, Long> sizes(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.collect(Collectors.toMap(p -> p.getFileName().toString(), p -> p.toFile().length(),
                    (x, y) -> x, TreeMap::new));
        }
    }

    @Test
    void snapshotsAndConflictChecks() throws Exception {
        try (LsmDb db = LsmDb.open(tmp.resolve("db"), Options.defaults())) {
            db.put(b("k"), b("1"));
            Snapshot snap = db.snapshot();
            db.put(b("k"), b("2"));
            db.flush();
            assertEquals("1", s(db.get(b("k"), snap)));
            assertEquals("2", s(db.get(b("k"))));
            assertTrue(db.changedSince(b("k"), snap));
            assertFalse(db.changedSince(b("other"), snap));
            assertThrows(WriteConflictException.class,
                    () -> db.write(new WriteBatch().put(b("k"), b("3")), true, snap));
            assertEquals("2", s(db.get(b("k"))), "a conflicting write changes nothing");
            db.write(new WriteBatch().put(b("other"), b("x")), true, snap);
            assertEquals("x", s(db.get(b("other"))));
            snap.close();
        }
    }

    @Test
    void propertiesAnswerKnownNamesAndNullOtherwise() throws Exception {
        try (LsmDb db = LsmDb.open(tmp.resolve("db"), Options.defaults())) {
            db.put(b("k"), b("v"));
            db.flush();
            assertEquals("1", db.property("lsmdb.flush-count"));
            int tables = 0;
            for (int l = 0; l < 7; l++) {
                tables += Integer.parseInt(db.property("lsmdb.num-files-at-level" + l));
            }
            assertEquals(1, tables, "one flushed table, at level 0 or pushed deeper when nothing overlaps it");
            assertNotNull(db.property("lsmdb.memtable-bytes"));
            assertNotNull(db.property("lsmdb.wal-bytes"));
            assertTrue(db.property("lsmdb.stats").contains("L0"));
            assertNull(db.property("lsmdb.no-such-thing"));
            assertNull(db.property("rocksdb.stats"));
            assertNull(db.property("lsmdb.num-files-at-level9"));
        }
    }
}
