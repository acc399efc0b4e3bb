package lsmdb.core;

import static lsmdb.core.TestData.b;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import lsmdb.core.io.MemFileSystem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC §8: the engine's events reach {@link System.Logger} (JUL here) under a name in the {@code lsmdb} family,
 * for file and in-memory databases alike; a read-only open changes no file but LOCK and LOG.
 */
class DbLoggingTest {

    @TempDir
    Path tmp;

    private final List<LogRecord> records = new ArrayList<>();
    private final Logger lsmdb = Logger.getLogger("lsmdb");
    private Level previousLevel;
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            synchronized (records) {
                records.add(r);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureLsmdbLoggers() {
        previousLevel = lsmdb.getLevel();
        lsmdb.setLevel(Level.ALL);
        capture.setLevel(Level.ALL);
        lsmdb.addHandler(capture);
    }

    @AfterEach
    void release() {
        lsmdb.removeHandler(capture);
        lsmdb.setLevel(previousLevel);
    }

    private List<String> messages(Level atLeast) {
        synchronized (records) {
            return records.stream().filter(r -> r.getLevel().intValue() >= atLeast.intValue())
                    .peek(r -> assertTrue(r.getLoggerName().startsWith("lsmdb."), r.getLoggerName()))
                    .map(LogRecord::getMessage).toList();
        }
    }

    private static boolean any(List<String> messages, String part) {
        return messages.stream().anyMatch(m -> m.contains(part));
    }

    @Test
    void openRecoveryFlushCompactionAndTornTailsAreLogged() throws IOException {
        Path dir = tmp.resolve("db");
        try (LsmDb db = LsmDb.open(dir, Options.defaults().withSync(false))) {
            for (int i = 0; i < 300; i++) {
                db.put(b("key" + i), b("value" + i));
            }
            db.flush();
            db.put(b("key1"), b("again"));
            db.compactRange(null, null);
            db.put(b("last"), b("in the log"));
        }
        Path log;
        try (Stream<Path> s = Files.list(dir)) {
            log = s.filter(p -> p.toString().endsWith(".log")).findFirst().orElseThrow();
        }
        try (var f = new java.io.RandomAccessFile(log.toFile(), "rw")) {
            f.setLength(f.length() - 3); // a torn last record
        }
        try (LsmDb db = LsmDb.open(dir, Options.defaults().withSync(false))) {
            assertEquals(null, db.get(b("last")));
        }
        List<String> all = messages(Level.ALL);
        assertTrue(any(all, "opening " + dir), all.toString());
        assertTrue(any(all, "flushed "), all.toString());
        assertTrue(any(all, "compacted ") || any(all, "moved "), all.toString());
        assertTrue(any(all, "recovery: replayed "), all.toString());
        List<String> warnings = messages(Level.WARNING);
        assertTrue(any(warnings, "torn tail") && any(warnings, log.getFileName().toString()), warnings.toString());
    }

    @Test
    void inMemoryDatabasesLogToo() throws IOException {
        Options options = Options.defaults().withFileSystem(new MemFileSystem());
        try (LsmDb db = LsmDb.open(Path.of("/mem/logged"), options)) {
            db.put(b("k"), b("v"));
            db.flush();
        }
        List<String> all = messages(Level.ALL);
        assertTrue(any(all, "[/mem/logged] opening"), all.toString());
        assertTrue(any(all, "[/mem/logged] flushed"), all.toString());
    }

    @Test
    void corruptionRefusingAnOpenIsLoggedAsAnError() throws IOException {
        Path dir = tmp.resolve("corrupt");
        try (LsmDb db = LsmDb.open(dir, Options.defaults().withSync(false))) {
            db.put(b("k"), b("v"));
        }
        Files.writeString(dir.resolve("CURRENT"), "garbage\n");
        try {
            LsmDb.open(dir, Options.defaults()).close();
        } catch (CorruptionException expected) {
            // logged as well as thrown
        }
        List<String> errors = messages(Level.SEVERE);
        assertTrue(any(errors, "open failed") && any(errors, "CURRENT"), errors.toString());
    }

    @Test
    void readOnlyOpenChangesNoFileButLockAndLog() throws Exception {
        Path dir = tmp.resolve("ro");
        try (LsmDb db = LsmDb.open(dir, Options.defaults().withSync(false))) {
            for (int i = 0; i < 100; i++) {
                db.put(b("key" + i), b("value" + i));
            }
            db.flush();
            db.put(b("unflushed"), b("in the log"));
        }
        try (LsmDb db = LsmDb.open(dir, Options.defaults().withSync(false))) {
            db.put(b("second"), b("session")); // so that both LOG and LOG.old exist
        }
        Map<String, String> before = fingerprints(dir);
        try (LsmDb db = LsmDb.open(dir, Options.defaults().withReadOnly(true))) {
            assertEquals("in the log", TestData.s(db.get(b("unflushed"))));
        }
        Map<String, String> after = fingerprints(dir);
        before.keySet().removeAll(List.of("LOCK", "LOG"));
        after.keySet().removeAll(List.of("LOCK", "LOG"));
        assertEquals(before, after, "a read-only open changes nothing (LOG.old included)");
    }

    private static Map<String, String> fingerprints(Path dir) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p));
                out.put(dir.relativize(p).toString(), HexFormat.of().formatHex(digest));
            }
        }
        return out;
    }
}
