package lsmdb.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code BACKUP TO 'dir'} through JDBC (SPEC §8): online, consistent, refusing a non-empty destination. */
class BackupTest {

    @TempDir
    Path tmp;

    @Test
    void backupsWhileAnotherConnectionCommitsHoldEveryAcknowledgedRow() throws Exception {
        String url = "jdbc:lsm:" + tmp.resolve("db") + "?sync=false&writeBufferSize=64KB";
        AtomicLong acknowledged = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<long[]> backups = new ArrayList<>();
        try (Connection admin = DriverManager.getConnection(url); Statement s = admin.createStatement()) {
            s.execute("CREATE TABLE t (id BIGINT PRIMARY KEY, v VARCHAR(100))");
            Thread writer = new Thread(() -> {
                try (Connection c = DriverManager.getConnection(url);
                     PreparedStatement ins = c.prepareStatement("INSERT INTO t VALUES (?, ?)")) {
                    for (long i = 1; !stop.get(); i++) {
                        ins.setLong(1, i);
                        ins.setString(2, "row " + i + " " + "x".repeat((int) (i % 60)));
                        ins.executeUpdate();
                        acknowledged.set(i);
                    }
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            writer.start();
            try {
                for (int k = 0; k < 6; k++) {
                    while (acknowledged.get() < 300L * (k + 1) && failure.get() == null) {
                        Thread.sleep(2);
                    }
                    long before = acknowledged.get();
                    String dest = tmp.resolve("backup'" + k).toString().replace("'", "''");
                    assertEquals(0, s.executeUpdate("BACKUP TO '" + dest + "'"));
                    backups.add(new long[] {k, before});
                }
            } finally {
                stop.set(true);
                writer.join();
            }
            assertNull(failure.get(), () -> "writer failed: " + failure.get());
        }
        for (long[] b : backups) {
            Path dir = tmp.resolve("backup'" + b[0]);
            try (Connection c = DriverManager.getConnection("jdbc:lsm:" + dir + "?create=false");
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT id, v FROM t")) {
                long n = 0;
                while (rs.next()) {
                    n++;
                    assertEquals(n, rs.getLong(1), "backup " + b[0] + " holds a prefix of the inserts");
                    assertEquals("row " + n + " " + "x".repeat((int) (n % 60)), rs.getString(2));
                }
                assertTrue(n >= b[1], "backup " + b[0] + " holds " + n + " rows, but " + b[1]
                        + " were acknowledged before it began");
            }
        }
    }

    @Test
    void aNonEmptyDestinationIs58030NamingIt() throws Exception {
        Path dest = Files.createDirectories(tmp.resolve("taken"));
        Files.writeString(dest.resolve("x"), "x");
        try (Connection c = DriverManager.getConnection("jdbc:lsm:mem:backup-refused");
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INT PRIMARY KEY)");
            SQLException e = assertThrows(SQLException.class, () -> s.execute("BACKUP TO '" + dest + "'"));
            assertEquals("58030", e.getSQLState());
            assertTrue(e.getMessage().contains(dest.toString()), e.getMessage());
            s.execute("INSERT INTO t VALUES (7)");
            s.execute("backup to '" + tmp.resolve("fresh") + "';");
            s.execute("SHUTDOWN");
        }
        try (Connection c = DriverManager.getConnection("jdbc:lsm:" + tmp.resolve("fresh") + "?create=false");
             ResultSet rs = c.createStatement().executeQuery("SELECT id FROM t")) {
            assertTrue(rs.next(), "an in-memory database backs up to disk");
            assertEquals(7, rs.getInt(1));
        }
    }
}
