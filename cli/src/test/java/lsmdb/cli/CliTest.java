package lsmdb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.stream.Stream;
import lsmdb.core.LsmDb;
import lsmdb.core.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each subcommand through its entry point, with captured output and exit code, on real databases. */
class CliTest {

    @TempDir
    Path tmp;

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    private static long count(Path dir, String table) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:lsm:" + dir);
             ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private Path withTable() throws Exception {
        Path dir = tmp.resolve("db");
        try (Connection c = DriverManager.getConnection("jdbc:lsm:" + dir)) {
            c.createStatement().execute("CREATE TABLE people (id BIGINT PRIMARY KEY, name VARCHAR(10), age INT)");
        }
        return dir;
    }

    @Test
    void shellRunsAScriptAndStopsAtTheFirstError() throws Exception {
        Path dir = tmp.resolve("db");
        Path script = tmp.resolve("ok.sql");
        Files.writeString(script, "CREATE TABLE t (k INT PRIMARY KEY, v VARCHAR);\nINSERT INTO t VALUES (1, 'one');\n"
                + "INSERT INTO t VALUES (2, 'two');\nSELECT * FROM t;\n");
        Run ok = run("shell", dir.toString(), "-f", script.toString());
        assertEquals(0, ok.code(), ok.err());
        assertEquals(2, count(dir, "t"));
        Path bad = tmp.resolve("bad.sql");
        Files.writeString(bad, "INSERT INTO t VALUES (3, 'three');\nINSERT INTO nope VALUES (1);\nINSERT INTO t VALUES (4, 'x');\n");
        Run failed = run("shell", dir.toString(), "-f", bad.toString());
        assertEquals(1, failed.code());
        assertEquals(3, count(dir, "t"), "the statement after the error did not run");
    }

    @Test
    void pipedInputRunsAsAScriptAndWritesNothingElse() throws Exception {
        Path dir = withTable();
        InputStream saved = System.in;
        System.setIn(new ByteArrayInputStream(("INSERT INTO people VALUES (1, 'ada', 36);\n"
                + "-- a comment; with a semicolon\nSELECT name FROM people;").getBytes(StandardCharsets.UTF_8)));
        Run r;
        try {
            r = run("shell", dir.toString());
        } finally {
            System.setIn(saved);
        }
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of("NAME", "ada"), r.out().lines().toList());
        try (Connection c = DriverManager.getConnection("jdbc:lsm:" + dir);
             ResultSet rs = c.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
            assertTrue(rs.next());
            assertEquals("PEOPLE", rs.getString("TABLE_NAME"));
            assertFalse(rs.next(), "no demo table was written into the user's database");
        }
    }

    @Test
    void aScriptErrorIsOneLineNamingTheLine() throws Exception {
        Path dir = withTable();
        Path bad = tmp.resolve("bad.sql");
        Files.writeString(bad, "INSERT INTO people VALUES (1, 'ada', 36);\n\nSELECT nope\n  FROM people;\nSELECT 1;\n");
        Run r = run("shell", dir.toString(), "-f", bad.toString());
        assertEquals(1, r.code());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("lsmdb: " + bad + ":3: ") && r.err().contains("42S22"), r.err());
        assertFalse(r.err().contains("\tat ") || r.out().contains("\tat "), r.out() + r.err());
    }

    @Test
    void verifyRefusesACurrentNamingAMissingManifest() throws Exception {
        Path dir = withTable();
        Files.writeString(dir.resolve("CURRENT"), "MANIFEST-999999\n");
        Run r = run("verify", dir.toString());
        assertEquals(1, r.code(), r.out());
        assertTrue(r.err().contains("MANIFEST-999999"), r.err());
    }

    @Test
    void dumpPrintsRowsPerTableAndRawKeysWithAFlag() throws Exception {
        Path dir = withTable();
        try (Connection c = DriverManager.getConnection("jdbc:lsm:" + dir)) {
            c.createStatement().execute("INSERT INTO people VALUES (2, 'grace', 45), (1, 'ada', 36)");
        }
        Run rows = run("dump", dir.toString());
        assertEquals(0, rows.code(), rows.err());
        assertEquals(List.of("-- table PEOPLE", "ID | NAME | AGE", "1 | ada | 36", "2 | grace | 45", "(2 rows)"),
                rows.out().lines().toList());
        Run raw = run("dump", dir.toString(), "--raw");
        assertEquals(0, raw.code(), raw.err());
        assertTrue(raw.out().contains(" => ") && raw.out().contains("entries"), raw.out());
    }

    @Test
    void aMissingDirectorySaysSo() {
        for (String cmd : List.of("compact", "stats", "verify", "dump", "repair")) {
            Run r = run(cmd, tmp.resolve("nonexistent").toString());
            assertEquals(1, r.code(), cmd);
            assertEquals("lsmdb: " + tmp.resolve("nonexistent") + ": no such database directory", r.err().strip(), cmd);
        }
        Run unknown = run("frobnicate");
        assertEquals(2, unknown.code(), "a usage error exits 2, as README says");
    }

    @Test
    void importIsAllOrNothingUnlessToldToContinue() throws Exception {
        Path dir = withTable();
        Path csv = tmp.resolve("people.csv");
        Files.writeString(csv, "id,name,age\n1,ada,36\n2,grace,not-a-number\n3,linus,\n");
        Run r = run("import", dir.toString(), "people", csv.toString(), "--header");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("line 3"), r.err());
        assertEquals(0, count(dir, "people"), "nothing half-imported");
        Run cont = run("import", dir.toString(), "people", csv.toString(), "--header", "--continue");
        assertEquals(0, cont.code(), cont.err());
        assertTrue(cont.out().contains("imported 2 rows"), cont.out());
        assertEquals(2, count(dir, "people"));
    }

    /** A header line imported as data fails on its first typed column: the message says what to do. */
    @Test
    void aHeaderLineWithoutHeaderIsNamedAsOne() throws Exception {
        Path dir = withTable();
        Path csv = tmp.resolve("people.csv");
        Files.writeString(csv, "ID,Name,age\n1,ada,36\n");
        Run r = run("import", dir.toString(), "people", csv.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("line 1") && r.err().contains("use --header"), r.err());
        assertEquals(0, count(dir, "people"));
        Files.writeString(csv, "7,ada,x\n");
        Run data = run("import", dir.toString(), "people", csv.toString());
        assertEquals(1, data.code());
        assertTrue(data.err().contains("line 1") && !data.err().contains("--header"), data.err());
    }

    @Test
    void statsVerifyCompactAndDump() throws Exception {
        Path dir = tmp.resolve("kv");
        try (LsmDb db = LsmDb.open(dir, Options.defaults().withSync(false).withWriteBufferSize(64 << 10))) {
            for (int round = 0; round < 5; round++) {
                for (int i = 0; i < 5000; i++) {
                    db.put(String.format("key%05d", i).getBytes(), ("value-" + round + "-" + i).getBytes());
                }
            }
            db.flush();
        }
        Run stats = run("stats", dir.toString());
        assertEquals(0, stats.code(), stats.err());
        assertTrue(stats.out().contains("L0") && stats.out().contains("write amplification"), stats.out());
        Run verify = run("verify", dir.toString());
        assertEquals(0, verify.code(), verify.err());
        assertTrue(verify.out().contains("OK"), verify.out());
        long before = Databases.sizeOf(dir);
        Run compact = run("compact", dir.toString());
        assertEquals(0, compact.code(), compact.err());
        assertTrue(Databases.sizeOf(dir) < before, "compaction after overwrites shrinks the database");
        Run dump = run("dump", dir.toString(), "--limit", "3");
        assertEquals(0, dump.code(), dump.err());
        List<String> lines = dump.out().lines().toList();
        assertTrue(lines.get(0).startsWith("'key00000'") && lines.get(1).startsWith("'key00001'")
                && lines.get(2).startsWith("'key00002'"), dump.out());
        Path table;
        try (Stream<Path> s = Files.list(dir)) {
            table = s.filter(p -> p.toString().endsWith(".sst")).findFirst().orElseThrow();
        }
        Run dumpTable = run("dump", table.toString(), "--limit", "2");
        assertEquals(0, dumpTable.code(), dumpTable.err());
        assertTrue(dumpTable.out().contains("PUT"), dumpTable.out());
        assertTrue(dumpTable.out().contains("index: block 0") && dumpTable.out().contains("filter: bloom"),
                dumpTable.out());
        try (RandomAccessFile f = new RandomAccessFile(table.toFile(), "rw")) {
            f.seek(200);
            int b = f.read();
            f.seek(200);
            f.write(b ^ 0x55);
        }
        Run broken = run("verify", dir.toString());
        assertEquals(1, broken.code());
        assertTrue(broken.err().contains(table.getFileName().toString()), broken.err());
    }

    @Test
    void errorsAreOneLineWithoutStackTraces() {
        Run r = run("stats", tmp.resolve("missing").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("lsmdb: "), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        Run help = run("import", "--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("--continue"), help.out());
    }

    @Test
    void backupCopiesADatabaseAndRefusesANonEmptyDestination() throws Exception {
        Path dir = withTable();
        try (Connection c = DriverManager.getConnection("jdbc:lsm:" + dir)) {
            c.createStatement().execute("INSERT INTO people VALUES (1, 'ada', 36)");
        }
        Path dest = tmp.resolve("copy");
        Run r = run("backup", dir.toString(), dest.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("backed up"), r.out());
        assertEquals(1, count(dest, "people"));
        Run again = run("backup", dir.toString(), dest.toString());
        assertEquals(1, again.code());
        assertTrue(again.err().contains(dest.toAbsolutePath().toString()) && again.err().contains("not empty"),
                again.err());
    }

    @Test
    void everySubcommandHasHelp() {
        for (String name : List.of("shell", "import", "stats", "verify", "compact", "dump", "backup", "repair")) {
            Run r = run(name, "--help");
            assertEquals(0, r.code(), name + ": " + r.err());
            assertTrue(r.out().startsWith("Usage: lsmdb " + name), name + ":\n" + r.out());
        }
    }

    @Test
    void dumpOfALogShowsItsBatchesInWriteOrder() throws Exception {
        Path dir = tmp.resolve("logged");
        try (LsmDb db = LsmDb.open(dir, Options.defaults().withSync(false))) {
            db.put("b".getBytes(StandardCharsets.UTF_8), "2".getBytes(StandardCharsets.UTF_8));
            db.put("a".getBytes(StandardCharsets.UTF_8), "1".getBytes(StandardCharsets.UTF_8));
            db.delete("b".getBytes(StandardCharsets.UTF_8));
        }
        Path log;
        try (Stream<Path> s = Files.list(dir)) {
            log = s.filter(p -> p.toString().endsWith(".log") && Files.isRegularFile(p))
                    .filter(p -> p.toFile().length() > 0).findFirst().orElseThrow();
        }
        Run dump = run("dump", log.toString());
        assertEquals(0, dump.code(), dump.err());
        String out = dump.out();
        int putB = out.indexOf("PUT 'b'");
        int putA = out.indexOf("PUT 'a'");
        int delB = out.indexOf("DEL 'b'");
        assertTrue(putB >= 0 && putA > putB && delB > putA, out);
        assertTrue(out.contains("3 records"), out);
    }

    @Test
    void verifyNamesTheLogAndOffsetOfACorruptRecordInTheMiddle() throws Exception {
        Path dir = tmp.resolve("wal");
        try (LsmDb db = LsmDb.open(dir, Options.defaults().withSync(false))) {
            for (int i = 0; i < 2000; i++) {
                db.put(String.format("key%05d", i).getBytes(StandardCharsets.UTF_8), new byte[100]);
            }
        }
        Path log;
        try (Stream<Path> s = Files.list(dir)) {
            log = s.filter(p -> p.toString().endsWith(".log")).filter(p -> p.toFile().length() > 100_000)
                    .findFirst().orElseThrow();
        }
        assertEquals(0, run("verify", dir.toString()).code(), "healthy before the flip");
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "rw")) {
            f.seek(50); // inside the first record's payload, with many valid records after it
            int b = f.read();
            f.seek(50);
            f.write(b ^ 0x55);
        }
        Run broken = run("verify", dir.toString());
        assertEquals(1, broken.code(), broken.out());
        assertTrue(broken.err().contains(log.getFileName().toString()) && broken.err().contains("offset"),
                broken.err());
    }

    @Test
    void repairRebuildsADeletedManifestAndEveryRowIsBack() throws Exception {
        Path dir = withTable();
        try (Connection c = DriverManager.getConnection("jdbc:lsm:" + dir)) {
            for (int i = 0; i < 200; i++) {
                c.createStatement().execute("INSERT INTO people VALUES (" + i + ", 'n" + i + "', " + i + ")");
            }
        }
        try (LsmDb db = LsmDb.open(dir, Options.defaults().withSync(false))) {
            db.flush();
        }
        String manifest = Files.readString(dir.resolve("CURRENT"), StandardCharsets.UTF_8).trim();
        Files.delete(dir.resolve(manifest));
        Run r = run("repair", dir.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("repaired") && r.out().contains("tables"), r.out());
        assertEquals(200, count(dir, "people"));
        assertEquals(1, run("repair", tmp.resolve("nowhere").toString()).code());
    }
}
