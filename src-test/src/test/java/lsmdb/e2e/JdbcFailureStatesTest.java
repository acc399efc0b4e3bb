package lsmdb.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import lsmdb.e2e.crash.CrashWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SPEC §5 rows that need a second process, damaged files or an optional JDBC method. */
class JdbcFailureStatesTest {

    @TempDir
    Path tmp;

    @Test
    void optionalJdbcMethodsFailWith0A000() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:lsm:" + tmp.resolve("db"))) {
            SQLException e = assertThrows(SQLException.class, () -> c.prepareCall("CALL x()"));
            assertInstanceOf(SQLFeatureNotSupportedException.class, e);
            assertEquals("0A000", e.getSQLState());
            assertTrue(c.isValid(1), "the connection is unharmed");
        }
    }

    @Test
    void cancelFromAnotherThreadStopsAQueryWith57014() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:lsm:" + tmp.resolve("db")); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INT PRIMARY KEY)");
            try (var ps = c.prepareStatement("INSERT INTO t VALUES (?)")) {
                for (int i = 0; i < 2000; i++) {
                    ps.setInt(1, i);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            var rs = s.executeQuery("SELECT id FROM t");
            for (int i = 0; i < 10; i++) {
                assertTrue(rs.next());
            }
            Thread canceller = new Thread(() -> {
                try {
                    s.cancel();
                } catch (SQLException e) {
                    throw new RuntimeException(e);
                }
            });
            canceller.start();
            canceller.join();
            SQLException e = assertThrows(SQLException.class, rs::next);
            assertEquals("57014", e.getSQLState());
            int n = 0;
            try (var again = s.executeQuery("SELECT id FROM t")) {
                while (again.next()) {
                    n++;
                }
            }
            assertEquals(2000, n, "the next execution is not cancelled");
        }
    }

    @Test
    void aDatabaseOpenInAnotherProcessIsRefusedWith08001() throws Exception {
        Path dir = tmp.resolve("db");
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
                "-cp", System.getProperty("java.class.path"), CrashWriter.class.getName(), dir.toString(), "false", "0");
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals("open", out.readLine(), "the other process holds the database");
            SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection("jdbc:lsm:" + dir));
            assertInstanceOf(SQLNonTransientConnectionException.class, e);
            assertEquals("08001", e.getSQLState());
            assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
        } finally {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void corruptionIsReportedAsXX001NeverServed() throws Exception {
        Path dir = tmp.resolve("db");
        String url = "jdbc:lsm:" + dir + "?blockCacheSize=0";
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE kv (k INT PRIMARY KEY, v VARCHAR)");
            for (int i = 0; i < 2000; i++) {
                s.execute("INSERT INTO kv VALUES (" + i + ", 'value-" + i + "')");
            }
        }
        try (lsmdb.core.LsmDb db = lsmdb.core.LsmDb.open(dir, lsmdb.core.Options.defaults())) {
            db.flush();
        }
        Path table;
        try (Stream<Path> files = Files.list(dir)) {
            table = files.filter(p -> p.toString().endsWith(".sst")).findFirst().orElseThrow();
        }
        try (RandomAccessFile f = new RandomAccessFile(table.toFile(), "rw")) {
            f.seek(300);
            int b = f.read();
            f.seek(300);
            f.write(b ^ 0x20);
        }
        // The damaged block may hold the catalog too: the error may come at connect or at the query.
        SQLException e = assertThrows(SQLException.class, () -> {
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
                 var rs = s.executeQuery("SELECT v FROM kv")) {
                while (rs.next()) {
                    rs.getString(1);
                }
            }
        });
        assertEquals("XX001", e.getSQLState(), e.getMessage());
        assertTrue(e.getMessage().contains(table.getFileName().toString()), e.getMessage());
    }
}
