package lsmdb.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Threads that get interrupted while they use the driver (an executor's {@code shutdownNow}, {@code Future.cancel(true)},
 * a framework's timeout): their statements run as any other, the flag stays theirs, and the database never turns
 * read-only or loses a commit because of it. A file channel closes itself under an interrupted thread, and the engine
 * writes its log on the committing thread.
 */
class InterruptedCallerTest {

    @TempDir
    Path dir;

    @Test
    void anInterruptedThreadsStatementsRunAndTheDatabaseStaysWritable() throws SQLException {
        String url = "jdbc:lsm:" + dir.resolve("db") + "?mmapReads=false";
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (k INT PRIMARY KEY, v VARCHAR(20))");
            s.execute("INSERT INTO t VALUES (1, 'one')");
            Thread.currentThread().interrupt();
            try {
                s.execute("INSERT INTO t VALUES (2, 'two')");
                s.execute("CREATE INDEX t_v ON t(v)");
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM t WHERE v = 'two'")) {
                    assertTrue(rs.next());
                    assertEquals(1, rs.getInt(1));
                }
                assertTrue(Thread.currentThread().isInterrupted(), "the flag is the caller's");
            } finally {
                Thread.interrupted();
            }
            s.execute("INSERT INTO t VALUES (3, 'three')");
        }
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM t")) {
            assertTrue(rs.next());
            assertEquals(3, rs.getInt(1), "every acknowledged insert after reopening");
        }
    }

    /** Tasks inserting through their own connections, the pool shut down with {@code shutdownNow} mid-way. */
    @Test
    void shutdownNowOfAPoolOfInsertersLosesNoAcknowledgedRow() throws Exception {
        String url = "jdbc:lsm:" + dir.resolve("pool");
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (k INT PRIMARY KEY)");
        }
        Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
        List<Throwable> failures = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Future<?>> tasks = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            int id = t;
            tasks.add(pool.submit(() -> {
                try (Connection c = DriverManager.getConnection(url);
                        PreparedStatement ps = c.prepareStatement("INSERT INTO t VALUES (?)")) {
                    for (int i = 0; !Thread.currentThread().isInterrupted() || i % 7 != 0; i++) {
                        int k = id * 1_000_000 + i;
                        ps.setInt(1, k);
                        ps.executeUpdate();
                        acknowledged.add(k);
                    }
                } catch (Throwable e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            }));
        }
        Thread.sleep(500);
        pool.shutdownNow(); // interrupts every task, in the middle of whatever call it is making
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        assertEquals(List.of(), failures, "no statement failed because its thread was interrupted");
        assertTrue(acknowledged.size() > 30, acknowledged.size() + " rows");
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("INSERT INTO t VALUES (-1)"); // still writable
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM t")) {
                assertTrue(rs.next());
                assertEquals(acknowledged.size() + 1, rs.getInt(1));
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT k FROM t WHERE k = ?")) {
                for (int k : acknowledged) {
                    ps.setInt(1, k);
                    try (ResultSet rs = ps.executeQuery()) {
                        assertTrue(rs.next(), "row " + k);
                    }
                }
            }
        }
    }
}
